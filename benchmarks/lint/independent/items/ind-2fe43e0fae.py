@pytest.mark.xfail
@pytest.mark.issue714
def test_parametrize_indirect_uses_no_fixture_error_indirect_list(self, testdir):
    testdir.makepyfile("""
        import pytest
        @pytest.fixture(scope='function')
        def x(request):
            return request.param * 3

        @pytest.mark.parametrize('x, y', [('a', 'b')], indirect=['x'])
        def test_simple(x):
            assert len(x) == 3
    """)
    result = testdir.runpytest("--collect-only")
    result.stdout.fnmatch_lines([
        "*uses no fixture 'y'*",
    ])
