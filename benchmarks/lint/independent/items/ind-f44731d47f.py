@unittest.skip("Known failure")
def test_31_ad(self):
    self.assertEqual(parse('0031-01-01T00:00:00'),
                     datetime(31, 1, 1, 0, 0))
