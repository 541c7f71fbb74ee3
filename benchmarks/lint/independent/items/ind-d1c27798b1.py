def __eq__(self, other):
    return self._wrapped == getattr(other, '_wrapped', other)
