async def __aiter__(self) -> AsyncIterator[Data]:
    """
    Iterate on incoming messages.

    The iterator exits normally when the connection is closed with the close
    code 1000 (OK) or 1001 (going away) or without a close code.

    It raises a :exc:`~websockets.exceptions.ConnectionClosedError`
    exception when the connection is closed with any other code.

    """
    try:
        while True:
            yield await self.recv()
    except ConnectionClosedOK:
        return
