def test_pass_skip_fail(self, pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest
        def test_ok():
            pass
        def test_skip():
            pytest.skip("xx")
        def test_func():
            assert 0
    """
    )
    result = pytester.runpytest("-n1", "-v")
    result.stdout.fnmatch_lines_random(
        [
            "*PASS*test_pass_skip_fail.py*test_ok*",
            "*SKIP*test_pass_skip_fail.py*test_skip*",
            "*FAIL*test_pass_skip_fail.py*test_func*",
        ]
    )
    result.stdout.fnmatch_lines(
        ["*def test_func():", ">       assert 0", "E       assert 0"]
    )
