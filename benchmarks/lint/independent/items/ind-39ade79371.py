async def test_contextvar_propagation(self, anyio_backend_name: str) -> None:
    if anyio_backend_name == "asyncio" and sys.version_info < (3, 7):
        pytest.skip("Asyncio does not propagate context before Python 3.7")

    var = ContextVar("var", default=1)

    async def async_func() -> int:
        await checkpoint()
        return var.get()

    def worker() -> int:
        var.set(6)
        return from_thread.run(async_func)

    assert await to_thread.run_sync(worker) == 6
