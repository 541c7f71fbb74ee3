def __eq__(self, other: object) -> bool:
    target = other._path if isinstance(other, Path) else other
    return self._path.__eq__(target)
