def rpop(self, key):
    try:
        return self.queues[key].get_nowait()
    except (KeyError, Empty):
        pass
