def stop(self, f: asyncio.Task | None = None) -> None:
    self.stopping = True
    self.queue.put_nowait(None)
    self.workers.discard(self)
    try:
        self.idle_workers.remove(self)
    except ValueError:
        pass
