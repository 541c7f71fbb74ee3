def __eq__(self, other: Any) -> bool:
    if not isinstance(other, Style):
        return NotImplemented
    return self.__hash__() == other.__hash__()
