def discard(self, key: str) -> None:
    try:
        del self[key]
    except KeyError:
        pass
