async def open_connection(url: str):
    try:
        await websockets.client.connect(url)
    except websockets.exceptions.InvalidHandshake:
        return False
    return True  # pragma: no cover
