@asynctest
async def test_reraise(self) -> None:
    class CustomError(Exception):
        pass

    try:
        async for attempt in tasyncio.AsyncRetrying(
            stop=stop_after_attempt(1), reraise=True
        ):
            with attempt:
                raise CustomError
    except CustomError:
        pass
    else:
        raise Exception
