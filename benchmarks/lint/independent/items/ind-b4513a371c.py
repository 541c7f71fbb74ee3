@unittest.skipUnless(six.PY2, "TODO")
def test_normalize_percent_encoding_in_paths(self):
    self.assertEqual(canonicalize_url("http://www.example.com/a%a3do"),
                                      "http://www.example.com/a%A3do"),
