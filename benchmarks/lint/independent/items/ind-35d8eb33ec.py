def _poll_error(self, type, **options):
    try:
        self.client.parse_response(type)
    except self.connection_errors:
        pass
