def __eq__(self, other):
    return self.foo == other.foo
