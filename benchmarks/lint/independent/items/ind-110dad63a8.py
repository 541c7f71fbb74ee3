def _make_current(self) -> None:
    if not self.is_current:
        try:
            self.old_asyncio = asyncio.get_event_loop()
        except (RuntimeError, AssertionError):
            self.old_asyncio = None  # type: ignore
        self.is_current = True
    asyncio.set_event_loop(self.asyncio_loop)
