def __setitem__(self, key, value):
    try:
        del self[key]
    except KeyError:
        pass
    self._items.append((key, value))
