def histogram(self, name, value):
    try:
        if self.sock:
            self.sock.send("{0}{1}:{2}|ms".format(self.prefix, name, value))
    except Exception:
        pass
