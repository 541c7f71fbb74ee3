@pytest.mark.xfail(
    reason="#527: Python 3.8 failure in pytest where testdir.tmpdir returns an unexpected value"
)
def test_basetemp_in_subprocesses(self, testdir):
    p1 = testdir.makepyfile(
        """
        def test_send(tmpdir):
            import py
            assert tmpdir.relto(py.path.local(%r)), tmpdir
    """
        % str(testdir.tmpdir)
    )
    result = testdir.runpytest_subprocess(p1, "-n1")
    assert result.ret == 0
    result.stdout.fnmatch_lines(["*1 passed*"])
