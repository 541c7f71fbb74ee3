def __eq__(self, other):
    return isinstance(other, self.__class__) and self.id == other.id
