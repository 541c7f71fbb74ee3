@pytest.mark.xfail
@pytest.mark.issue714
def test_parametrize_uses_no_fixture_error_indirect_true(self, testdir):
    testdir.makepyfile("""
        import pytest
        @pytest.fixture(scope='function')
        def x(request):
            return request.param * 3
        @pytest.fixture(scope='function')
        def y(request):
            return request.param * 2

        @pytest.mark.parametrize('x, y', [('a', 'b')], indirect=True)
        def test_simple(x):
            assert len(x) == 3
    """)
    result = testdir.runpytest("--collect-only")
    result.stdout.fnmatch_lines([
        "*uses no fixture 'y'*",
    ])
