def test_bad_getsource(self) -> None:
    try:
        if False:
            pass  # type: ignore[unreachable]
        else:
            assert False
    except AssertionError:
        exci = ExceptionInfo.from_current()
    assert exci.getrepr()
