@pytest.mark.skipif(
    sys.version_info < (3, 7), reason="TimerHandle.when() doesn't exist"
)
async def test_ceil_timeout_small(loop) -> None:
    with helpers.CeilTimeout(1.1, loop=loop) as cm:
        frac, integer = modf(cm._cancel_handler.when())
        # a chance for exact integer with zero fraction is negligible
        assert frac != 0
