@unittest.skipUnless(six.PY2, "TODO")
def test_url_encoding(self):
    r1 = self.request_class(url=u"http://www.scrapy.org/price/\xa3", encoding="utf-8")
    r2 = self.request_class(url=u"http://www.scrapy.org/price/\xa3", encoding="latin1")
    self.assertEqual(r1.url, "http://www.scrapy.org/price/%C2%A3")
    self.assertEqual(r2.url, "http://www.scrapy.org/price/%A3")
