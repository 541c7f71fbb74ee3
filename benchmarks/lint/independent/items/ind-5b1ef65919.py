def log_error(self, msg, *args):
    if not args:
        # Already fully formatted, no need to do it again; msg
        # might contain % chars that would lead to a formatting
        # error.
        message = msg
    else:
        try:
            message = msg % args
        except Exception: # pylint:disable=broad-except
            self._print_unexpected_exc()
            message = '%r %r' % (msg, args)
    try:
        message = '%s: %s' % (self.socket, message)
    except Exception: # pylint:disable=broad-except
        pass

    try:
        self.server.error_log.write(message + '\n')
    except Exception: # pylint:disable=broad-except
        self._print_unexpected_exc()
