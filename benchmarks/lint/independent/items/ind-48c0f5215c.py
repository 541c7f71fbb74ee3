@pytest.mark.xfail(py27_on_windows, reason='#1544')  # noqa: E301
def test_unicode(self):
    ensure_unicode_filesystem()
    with self.unicode_file():
        url = ntou('/static/Слава Україні.html', 'utf-8')
        # quote function requires str
        url = tonative(url, 'utf-8')
        url = urllib.parse.quote(url)
        self.getPage(url)

        expected = ntou('Героям Слава!', 'utf-8')
        self.assertInBody(expected)
