@pytest.mark.xfail(
    sys.version_info >= (3, 14), reason="we need to update `as_uri` to use Path.as_uri"
)
async def test_as_uri(path: trio.Path) -> None:
    path = await path.parent.resolve()

    assert path.as_uri().startswith("file:///")
