def subscribe(self):
    """Subscribe self.handlers to signals."""
    for sig, func in self.handlers.items():
        try:
            self.set_handler(sig, func)
        except ValueError:
            pass
