def test_skipif_conditional(self, pytester: Pytester) -> None:
    item = pytester.getitem(
        """
        import pytest
        @pytest.mark.skipif("hasattr(os, 'sep')")
        def test_func():
            pass
    """
    )
    x = pytest.raises(pytest.skip.Exception, lambda: pytest_runtest_setup(item))
    assert x.value.msg == "condition: hasattr(os, 'sep')"
