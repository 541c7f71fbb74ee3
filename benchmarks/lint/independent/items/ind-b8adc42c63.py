async def test_get_with_data(loop: asyncio.AbstractEventLoop) -> None:
    for meth in ClientRequest.GET_METHODS:
        req = ClientRequest(
            meth, URL("http://python.org/"), data={"life": "42"}, loop=loop
        )
        assert "/" == req.url.path
        assert b"life=42" == req.body._value  # type: ignore[union-attr]
        await req.close()
