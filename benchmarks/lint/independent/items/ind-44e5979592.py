@pytest.mark.skipif("sys.version_info < (2,6)")
def test_getstatementrange_out_of_bounds_py3(self):
    source = Source("if xxx:\n   from .collections import something")
    r = source.getstatementrange(1)
    assert r == (1, 2)
