@unittest.skipIf(HAS_NO_SET_OPS_FOR_VIEW,
                 "Set operations on views not supported")
def test_eq(self):
    d = self.make_dict([('key', 'value1')])
    self.assertEqual({'key': 'value1'}, d)
