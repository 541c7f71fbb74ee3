async def test_formdata_boundary_from_headers(
    loop: asyncio.AbstractEventLoop, conn: mock.Mock
) -> None:
    boundary = "some_boundary"
    file_path = pathlib.Path(__file__).parent / "aiohttp.png"
    with file_path.open("rb") as f:
        req = ClientRequest(
            "post",
            URL("http://python.org"),
            data={"aiohttp.png": f},
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
            loop=loop,
        )
        async with await req.send(conn):
            await asyncio.sleep(0)
        assert req.body._boundary == boundary.encode()  # type: ignore[union-attr]
