def __eq__(self, other: object) -> bool:
    if not isinstance(other, Hashes):
        return NotImplemented
    return self._allowed == other._allowed
