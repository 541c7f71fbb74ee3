def close(self):
    if self.is_open:
        self.is_open = False
        try:
            self.queue.put_nowait(None)
        except queue.Full:
            pass
    super(Serial, self).close()
