def heartbeat(self):
    if not self.alive:
        if self.server_alive:
            if hasattr(self, 'server'):
                try:
                    self.server.stop()
                except Exception:
                    pass
            self.server_alive = False
        else:
            for callback in self.callbacks:
                callback.stop()
            self.ioloop.stop()
