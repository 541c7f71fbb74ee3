@pytest.mark.xfail("sys.platform == 'darwin'", reason='See issue #985', run=False)
def test_pdb_interaction_doctest(self, testdir):
    p1 = testdir.makepyfile("""
        import pytest
        def function_1():
            '''
            >>> i = 0
            >>> assert i == 1
            '''
    """)
    child = testdir.spawn_pytest("--doctest-modules --pdb %s" % p1)
    child.expect("(Pdb)")
    child.sendline('i')
    child.expect("0")
    child.expect("(Pdb)")
    child.sendeof()
    rest = child.read().decode("utf8")
    assert "1 failed" in rest
    self.flush(child)
