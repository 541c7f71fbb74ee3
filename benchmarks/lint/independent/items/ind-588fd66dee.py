def unregister(self, fd):
    try:
        del self.socket_map[fd]
    except KeyError:
        pass
    for l in (self._r, self._w):
        try:
            l.remove(fd)
        except ValueError:
            pass
