def __eq__(self, other):
    if isinstance(other, Mapping):
        other = CaseInsensitiveDict(other)
    else:
        return NotImplemented
    # Compare insensitively
    return dict(self.lower_items()) == dict(other.lower_items())
