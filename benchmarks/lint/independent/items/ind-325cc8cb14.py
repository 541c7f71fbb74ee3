def drain_events(self, connection, timeout=0, **kwargs):
    start_time = clock()
    elapsed_time = 0
    while elapsed_time < timeout:
        try:
            message = self.queue_from_fdshim.get(block=True, timeout=timeout)
        except Queue.Empty:
            pass
        else:
            queue = message.subject
            self._callbacks[queue](message)
        elapsed_time = clock() - start_time
    raise Empty()
