@pytest.mark.skipif(not PY36, reason="NG APIs are 3.6+")
@pytest.mark.parametrize("slots", [True, False])
def test_no_setattr_with_ng_defaults(self, slots):
    """
    If a class has the NG default on_setattr=[convert, validate] but sets
    no validators or converters, don't use the (slower) setattr in
    __init__.
    """

    @attr.define
    class C:
        x = attr.ib()

    src = inspect.getsource(C.__init__)

    assert "setattr" not in src
    assert "self.x = x" in src
    assert object.__setattr__ == C.__setattr__

    @attr.define
    class D(C):
        y = attr.ib()

    src = inspect.getsource(D.__init__)

    assert "setattr" not in src
    assert "self.x = x" in src
    assert "self.y = y" in src
    assert object.__setattr__ == D.__setattr__
