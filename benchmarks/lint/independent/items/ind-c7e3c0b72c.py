def __del__(self):
    # noinspection PyBroadException
    try:
        self.cleanup()
    except Exception:
        pass
