@pytest.mark.xfail(reason="https://github.com/aio-libs/aiohttp/issues/11665")
async def test_subapp_domain_routing_same_path(aiohttp_client: AiohttpClient) -> None:
    app = web.Application()
    sub_app = web.Application()

    async def mainapp_handler(request: web.Request) -> web.Response:
        assert False

    async def subapp_handler(request: web.Request) -> web.Response:
        return web.Response(text="SUBAPP")

    app.router.add_get("/", mainapp_handler)
    sub_app.router.add_get("/", subapp_handler)
    app.add_domain("different.example.com", sub_app)

    client = await aiohttp_client(app)
    async with client.get("/", headers={"Host": "different.example.com"}) as r:
        assert r.status == 200
        result = await r.text()
        assert result == "SUBAPP"
