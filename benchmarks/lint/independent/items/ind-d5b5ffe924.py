@pytest.mark.skipif(not helpers.PY_36,
                    reason="Requires Python 3.6+")
def test_inheritance(self) -> None:
    with pytest.raises(TypeError):
        class A(helpers.ChainMapProxy):
            pass
