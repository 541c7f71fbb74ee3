def __contains__(self, key):
    with self._lock:
        try:
            self._load_key(key)
        except KeyError:
            pass
        return key in self._local
