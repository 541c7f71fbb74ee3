def __init__(self, sock=None, map=None):
    if map is None:
        self._map = socket_map
    else:
        self._map = map

    if sock:
        self.set_socket(sock, map)
        # I think it should inherit this anyway
        self.socket.setblocking(0)
        self.connected = True
        # XXX Does the constructor require that the socket passed
        # be connected?
        try:
            self.addr = sock.getpeername()
        except socket.error:
            # The addr isn't crucial
            pass
    else:
        self.socket = None
