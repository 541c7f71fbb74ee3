@pytest.mark.xfail(PY_3_14_PLUS, reason="Currently broken on nightly.")
def test_no_references_to_original_when_using_cached_property(self):
    """
    When subclassing a slotted class and using cached property, there are
    no stray references to the original class.
    """

    @attr.s(slots=True)
    class C:
        pass

    @attr.s(slots=True)
    class C2(C):
        @functools.cached_property
        def value(self) -> int:
            return 0

    # The original C2 is in a reference cycle, so force a collect:
    gc.collect()

    assert [C2] == C.__subclasses__()
