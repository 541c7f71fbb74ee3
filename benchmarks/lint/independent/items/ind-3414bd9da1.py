def __eq__(self, other):
    if not isinstance(other, Connection):
        return False
    return self._identity() == other._identity()
