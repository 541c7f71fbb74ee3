async def get_msgs(self) -> t.List[t.Dict[str, t.Any]]:  # type:ignore[override]
    """Get all messages that are currently ready."""
    msgs = []
    while True:
        try:
            msgs.append(await self.get_msg())
        except Empty:
            break
    return msgs
