async def write(self, data: bytes) -> None:
    if self._in_memory:
        self.file.write(data)  # type: ignore
    else:
        await run_in_threadpool(self.file.write, data)
