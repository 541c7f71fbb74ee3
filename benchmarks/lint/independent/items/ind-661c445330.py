@pytest.mark.skipif(
    PY2, reason="Python 2 is too YOLO to care about comparability."
)
@pytest.mark.parametrize("other", [(), (19, 2, 0, "final", "garbage")])
def test_wrong_len(self, vi, other):
    """
    Comparing with a tuple that has the wrong length raises an error.
    """
    assert vi != other

    with pytest.raises(TypeError):
        vi < other
