def fire_timers(self, min_delay=1, max_delay=10, max_timers=10,
                propagate=()):
    timer = self.timer
    delay = None
    if timer and timer._queue:
        for i in range(max_timers):
            delay, entry = next(self.scheduler)
            if entry is None:
                break
            try:
                entry()
            except propagate:
                raise
            except (MemoryError, AssertionError):
                raise
            except OSError as exc:
                if exc.errno == errno.ENOMEM:
                    raise
                logger.error('Error in timer: %r', exc, exc_info=1)
            except Exception as exc:
                logger.error('Error in timer: %r', exc, exc_info=1)
    return min(delay or min_delay, max_delay)
