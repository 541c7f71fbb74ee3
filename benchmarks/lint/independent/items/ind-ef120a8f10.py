def __eq__(self, other):
    return self.callback == getattr(other, 'callback', other)
