def __eq__(self, other):
    return isinstance(other, ListPortInfo) and self.device == other.device
