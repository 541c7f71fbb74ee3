@pytest.mark.skipif(not PY_36,
                    reason="Python 3.6+ required")
def test_app_inheritance() -> None:
    with pytest.raises(TypeError):
        class A(web.Application):
            pass
