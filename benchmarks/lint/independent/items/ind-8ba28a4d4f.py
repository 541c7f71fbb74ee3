def __del__(self):
    try:
        self.reset()
    except Exception:
        pass
