def __eq__(self, other: Any) -> bool:
    if not isinstance(other, Headers):
        return NotImplemented
    return self._dict == other._dict
