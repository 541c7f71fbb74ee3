async def watch_restarts(self) -> None:  # pragma: no cover
    while True:
        if self.should_exit:
            return

        try:
            await asyncio.wait_for(self.restart_requested.wait(), timeout=0.1)
        except asyncio.TimeoutError:
            continue

        self.restart_requested.clear()
        await self.shutdown()
        await self.startup()
