@asynctest
async def test_sleeps(self) -> None:
    start = current_time_ms()
    try:
        async for attempt in tasyncio.AsyncRetrying(
            stop=stop_after_attempt(1), wait=wait_fixed(1)
        ):
            with attempt:
                raise Exception
    except RetryError:
        pass
    t = current_time_ms() - start
    self.assertLess(t, 1.1)
