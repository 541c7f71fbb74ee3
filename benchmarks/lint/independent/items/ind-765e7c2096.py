def run(self, handler):
    for sa in self.adapters:
        try:
            return sa(self.host, self.port, **self.options).run(handler)
        except ImportError:
            pass
