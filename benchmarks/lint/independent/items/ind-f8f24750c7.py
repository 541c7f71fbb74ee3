@asynctest
async def test_do_max_attempts(self) -> None:
    attempts = 0
    retrying = tasyncio.AsyncRetrying(stop=stop_after_attempt(3))
    try:
        async for attempt in retrying:
            with attempt:
                attempts += 1
                raise Exception
    except RetryError:
        pass

    assert attempts == 3
