def _stop_reactor(self, _: Any = None) -> None:
    from twisted.internet import reactor

    try:
        reactor.stop()
    except RuntimeError:  # raised if already stopped or in shutdown stage
        pass
