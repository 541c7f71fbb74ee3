@pytest.mark.xfail(reason='#1557')
def test_5_Error_paths(self):
    self.getPage('/unknown/page')
    self.assertErrorPage(404, "The path '/unknown/page' was not found.")

    # Note: this path is *not* the same as above. The above
    # takes a normal route through the session code; this one
    # skips the session code's before_handler and only calls
    # before_finalize (save) and on_end (close). So the session
    # code has to survive calling save/close without init.
    self.getPage('/restricted', self.cookies, method='POST')
    self.assertErrorPage(405, response_codes[405][1])
