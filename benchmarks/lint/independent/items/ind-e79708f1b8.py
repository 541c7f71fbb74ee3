def __eq__(self, other):
    return abs(self.pos) == abs(other.pos)
