def _wake_selector(self) -> None:
    if self._closed:
        return
    try:
        self._waker_w.send(b"a")
    except BlockingIOError:
        pass
