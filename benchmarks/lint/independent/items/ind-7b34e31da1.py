def test_ping_matcher_pattern(self):
    orig_inspect = self.inspect
    self.inspect = self.app.control.inspect(pattern=".*", matcher="pcre")
    self.inspect.ping()
    try:
        self.assert_broadcast_called('ping', pattern=".*", matcher="pcre")
    except AssertionError as e:
        self.inspect = orig_inspect
        raise e
