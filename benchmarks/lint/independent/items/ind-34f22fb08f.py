def test_contextvar_propagation_async(
    self, anyio_backend_name: str, anyio_backend_options: dict[str, Any]
) -> None:
    if anyio_backend_name == "asyncio" and sys.version_info < (3, 7):
        pytest.skip("Asyncio does not propagate context before Python 3.7")

    var = ContextVar("var", default=1)
    var.set(6)

    async def get_var() -> int:
        await checkpoint()
        return var.get()

    with start_blocking_portal(anyio_backend_name, anyio_backend_options) as portal:
        propagated_value = portal.call(get_var)

    assert propagated_value == 6
