async def _wait_for_data(self):
    """Wait for body data to arrive via callback."""
    if self._chunks or self._complete or self._closed:
        return

    # Create a new waiter
    loop = asyncio.get_event_loop()
    self._waiter = loop.create_future()

    try:
        # Wait with timeout for data or completion
        await asyncio.wait_for(self._waiter, timeout=30.0)
    except asyncio.TimeoutError:
        pass
    finally:
        self._waiter = None
