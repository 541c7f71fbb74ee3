@pytest.mark.skipif(
    time.get_clock_info("monotonic").resolution > 0.001,
    reason="loop.time() resolution is coarser than the test's 1ms tolerance",
)
def test_when_timeout_smaller_second(event_loop: asyncio.AbstractEventLoop) -> None:
    timeout = 0.1

    handle = helpers.TimeoutHandle(event_loop, timeout)
    timer = event_loop.time() + timeout
    start_handle = handle.start()
    assert start_handle is not None
    when = start_handle.when()
    handle.close()

    assert isinstance(when, float)
    assert when - timer == pytest.approx(0, abs=0.001)
