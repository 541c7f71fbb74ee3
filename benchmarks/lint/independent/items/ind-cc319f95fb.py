@unittest.skipIf(HAS_NO_SET_OPS_FOR_VIEW,
                 "Set operations on views not supported")
def test_isdisjoint(self):
    d = self.make_dict([('key', 'value1')])
    self.assertTrue(d.keys().isdisjoint({'key2'}))
