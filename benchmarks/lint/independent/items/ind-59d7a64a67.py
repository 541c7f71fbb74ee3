def test_error_reset_prefix(self):
    self.config.route_prefix = 'old_prefix'

    try:
        with self.config.route_prefix_context('new_prefix'):
            raise RuntimeError
    except RuntimeError:
        pass

    assert self.config.route_prefix == 'old_prefix'
