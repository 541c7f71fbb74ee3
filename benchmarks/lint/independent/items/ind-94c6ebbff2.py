@unittest.skipIf(HAS_NO_SET_OPS_FOR_VIEW,
                 "Set operations on views not supported")
def test_ne(self):
    d = self.make_dict([('key', 'value1')])
    self.assertNotEqual(d, {'key': 'another_value'})
