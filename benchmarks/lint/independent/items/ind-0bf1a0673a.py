@pytest.mark.xfail
async def test_http10_keep_alive_default(aiohttp_client: AiohttpClient) -> None:
    async def handler(request: web.Request) -> web.Response:
        return web.Response()

    app = web.Application()
    app.router.add_get("/", handler)
    client = await aiohttp_client(app, version=HttpVersion10)

    async with client.get("/") as resp:
        assert 200 == resp.status
        assert resp.version == HttpVersion10
        assert resp.headers["Connection"] == "keep-alive"
