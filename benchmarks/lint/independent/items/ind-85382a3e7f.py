def shutdown(self) -> None:
    if not self._down:
        try:
            self.sendcommand("shutdown")
        except OSError:
            pass
        self._shutdown_sent = True
