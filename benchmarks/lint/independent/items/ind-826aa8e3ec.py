@pytest.mark.skip("sys.version_info < (3,6)")
def test_fspath_fsencode(self, path1):
    from os import fsencode

    assert fsencode(path1) == fsencode(path1.strpath)
