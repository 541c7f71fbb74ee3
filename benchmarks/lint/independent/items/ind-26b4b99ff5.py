def unlink(self):
    """ delete pidfile"""
    try:
        with open(self.fname) as f:
            pid1 = int(f.read() or 0)

        if pid1 == self.pid:
            os.unlink(self.fname)
    except Exception:
        pass
