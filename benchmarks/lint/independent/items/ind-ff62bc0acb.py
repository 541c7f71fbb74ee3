def _work(self) -> None:
    while True:
        if self._worker_lock.acquire(timeout=IDLE_TIMEOUT):
            # We got a job
            self._handle_job()
        else:
            # Timeout acquiring lock, so we can probably exit. But,
            # there's a race condition: we might be assigned a job *just*
            # as we're about to exit. So we have to check.
            try:
                del self._thread_cache._idle_workers[self]
            except KeyError:
                # Someone else removed us from the idle worker queue, so
                # they must be in the process of assigning us a job - loop
                # around and wait for it.
                continue
            else:
                # We successfully removed ourselves from the idle
                # worker queue, so no more jobs are incoming; it's safe to
                # exit.
                return
