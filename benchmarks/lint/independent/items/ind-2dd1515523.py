def __lt__(self, other):
    return self.timeout < other.timeout
