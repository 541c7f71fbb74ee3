@pytest.mark.skipif(PY2, reason="PY2 does not raise TypeError")
@pytest.mark.parametrize("cls, requires_same_type", eq_data, ids=eq_ids)
def test_gt_unorderable(self, cls, requires_same_type):
    """
    TypeError is raised if class does not implement __gt__.
    """
    with pytest.raises(TypeError):
        cls(2) > cls(1)
