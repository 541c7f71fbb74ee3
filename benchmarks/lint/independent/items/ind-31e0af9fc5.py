@unittest.skipIf(mock is None, "mock package not present")
def test_oauth10a_redirect_error(self):
    with mock.patch.object(OAuth1ServerRequestTokenHandler, "get") as get:
        get.side_effect = Exception("boom")
        with ExpectLog(app_log, "Uncaught exception"):
            response = self.fetch("/oauth10a/client/login", follow_redirects=False)
        self.assertEqual(response.code, 500)
