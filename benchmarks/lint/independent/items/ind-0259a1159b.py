@unittest.skipUnless(six.PY2, "TODO")
def test_safe_characters_unicode(self):
    # urllib.quote uses a mapping cache of encoded characters. when parsing
    # an already percent-encoded url, it will fail if that url was not
    # percent-encoded as utf-8, that's why canonicalize_url must always
    # convert the urls to string. the following test asserts that
    # functionality.
    self.assertEqual(canonicalize_url(u'http://www.example.com/caf%E9-con-leche.htm'),
                                       'http://www.example.com/caf%E9-con-leche.htm')
