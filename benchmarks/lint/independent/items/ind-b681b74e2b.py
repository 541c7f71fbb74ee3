@unittest.skip("no testable future imports")
def test_no_inherit_future(self):
    # This file has from __future__ import print_function...
    f = StringIO()
    print("hello", file=f)
    # ...but the template doesn't
    exec_in('print >> f, "world"', dict(f=f))
    self.assertEqual(f.getvalue(), "hello\nworld\n")
