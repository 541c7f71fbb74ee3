def wait(self, timeout: float | None = None) -> int | None:
    try:  # note wait in general might deadlock if output large, but we drain in background threads so not an issue
        return self._process.wait(timeout=timeout)
    except TimeoutExpired:
        return None
