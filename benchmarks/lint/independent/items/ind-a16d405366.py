@unittest.skipIf(HAS_NO_SET_OPS_FOR_VIEW,
                 "Set operations on views not supported")
def test_keys_is_set_equal(self):
    d = self.make_dict([('key', 'value1')])

    self.assertEqual(d.keys(), {'key'})
