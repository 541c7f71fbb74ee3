@pytest.mark.skipif(
    sys.version_info < (3, 7), reason="TimerHandle.when() doesn't exist"
)
async def test_ceil_timeout_round(loop) -> None:
    with helpers.CeilTimeout(7.5, loop=loop) as cm:
        frac, integer = modf(cm._cancel_handler.when())
        assert frac == 0
