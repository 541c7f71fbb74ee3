async def _wait_for_disconnect(self):
    """Wait for connection to close after body is finished.

    This is needed for ASGI apps (like Django) that call receive()
    to listen for client disconnect after the request body is consumed.
    """
    if self._closed:
        return

    # Check protocol closed state first
    if self.protocol._closed:
        self._closed = True
        return

    # Create a new waiter to wait for disconnect
    loop = asyncio.get_event_loop()
    self._waiter = loop.create_future()

    try:
        # Wait indefinitely for disconnect (or until cancelled)
        await self._waiter
    except asyncio.CancelledError:
        pass
    finally:
        self._waiter = None
        self._closed = True
