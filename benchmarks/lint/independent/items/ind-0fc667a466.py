@pytest.mark.xfail("sys.version_info < (2,7)")
@pytest.mark.issue14
def test_capture_and_logging(self, testdir):
    p = testdir.makepyfile("""
        import logging
        def test_log(capsys):
            logging.error('x')
        """)
    result = testdir.runpytest(p)
    assert 'closed' not in result.stderr.str()
