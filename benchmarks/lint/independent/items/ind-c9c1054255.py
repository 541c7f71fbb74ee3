@pytest.mark.xfail(
    reason="#8395 Error message regression for large headers in 3.9.4",
    raises=AssertionError,
)
async def test_header_too_large_error(aiohttp_client: AiohttpClient) -> None:
    """By default when not specifying `max_field_size` requests should fail with a 400 status code."""

    async def handler(_: web.Request) -> web.Response:
        return web.Response(headers={"VeryLargeHeader": "x" * 10000})

    app = web.Application()
    app.add_routes([web.get("/", handler)])
    client = await aiohttp_client(app)

    with pytest.raises(
        aiohttp.ClientResponseError, match="Got more than 8190 bytes*"
    ) as exc_info:
        await client.get("/")
    assert exc_info.value.status == 400
