def __eq__(self, other):
    return self.raw == other.raw
