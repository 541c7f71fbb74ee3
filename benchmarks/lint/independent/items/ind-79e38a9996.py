def __eq__(self, other: Any) -> bool:
    """
    Compare two nodes for equality.

    This calls the method _eq().
    """
    if self.__class__ is not other.__class__:
        return NotImplemented
    return self._eq(other)
