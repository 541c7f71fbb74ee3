def _prune(self):
    entries = self._list_dir()
    if len(entries) > self._threshold:
        now = time()
        for idx, fname in enumerate(entries):
            remove = False
            f = None
            try:
                try:
                    f = open(fname, 'rb')
                    expires = pickle.load(f)
                    remove = expires <= now or idx % 3 == 0
                finally:
                    if f is not None:
                        f.close()
            except Exception:
                pass
            if remove:
                try:
                    os.remove(fname)
                except (IOError, OSError):
                    pass
