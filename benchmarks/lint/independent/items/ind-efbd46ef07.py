@pytest.mark.xfail(reason="#1974")
def test_dangerous_host(self):
    """
    Dangerous characters like newlines should be elided.
    Ref #1974.
    """
    # foo\nbar
    encoded = '=?iso-8859-1?q?foo=0Abar?='
    self.getPage('/headers/Host', headers=[('Host', encoded)])
    self.assertBody('foobar')
