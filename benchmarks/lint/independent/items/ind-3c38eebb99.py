def __del__(self) -> None:
    try:
        self.detach()
    except Exception:
        pass
