def run(self):
    """The thread's main activity.  Call start() instead."""
    self.socket = self.context.socket(zmq.DEALER)
    self.socket.setsockopt(zmq.IDENTITY, self.session.bsession)
    self.socket.connect(self.address)
    self.stream = zmqstream.ZMQStream(self.socket, self.ioloop)
    self.stream.on_recv(self._handle_recv)
    self._run_loop()
    try:
        self.socket.close()
    except:
        pass
