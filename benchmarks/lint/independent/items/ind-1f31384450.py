@unittest.skipIf(
    getattr(sys.flags, "context_aware_warnings", False),
    "interaction with context-aware warnings is buggy",
)
def test_set_cookie_deprecated(self):
    with ignore_deprecation():
        response = self.fetch("/set_deprecated")
    header = response.headers.get("Set-Cookie")
    self.assertEqual(header, "a=b; HttpOnly; Path=/foo")
