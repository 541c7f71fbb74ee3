def __init__(self) -> None:
    self.sent = []  # type: ignore[var-annotated]
    self.stolen = []  # type: ignore[var-annotated]
    self.gateway = MockGateway()
    self._shutdown = False
