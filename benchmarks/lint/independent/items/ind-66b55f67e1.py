def connection_lost(self, exc: Exception | None) -> None:
    self.connections.discard(self)

    if self.logger.level <= TRACE_LOG_LEVEL:
        prefix = "%s:%d - " % self.client if self.client else ""
        self.logger.log(TRACE_LOG_LEVEL, "%sHTTP connection lost", prefix)

    if self.cycle and not self.cycle.response_complete:
        self.cycle.disconnected = True
    if self.conn.our_state != h11.ERROR:
        event = h11.ConnectionClosed()
        try:
            self.conn.send(event)
        except h11.LocalProtocolError:
            # Premature client disconnect
            pass

    if self.cycle is not None:
        self.cycle.message_event.set()
    if self.flow is not None:
        self.flow.resume_writing()
    if exc is None:
        self.transport.close()
        self._unset_keepalive_if_required()
