def test_skipif(self, pytester: Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest
        @pytest.mark.skipif(True, reason="True123")
        def test_func1():
            pass
        @pytest.mark.skipif(False, reason="True123")
        def test_func2():
            pass
    """
    )
    result = pytester.runpytest()
    result.stdout.fnmatch_lines(
        """
        *1 passed*1 skipped*
    """
    )
