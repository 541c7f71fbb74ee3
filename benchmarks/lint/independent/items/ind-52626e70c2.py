def __init__(self, socket: SocketType) -> None:
    if not isinstance(socket, tsocket.SocketType):
        raise TypeError("SocketListener requires a Trio socket object")
    if socket.type != tsocket.SOCK_STREAM:
        raise ValueError("SocketListener requires a SOCK_STREAM socket")
    try:
        listening = socket.getsockopt(tsocket.SOL_SOCKET, tsocket.SO_ACCEPTCONN)
    except OSError:
        # SO_ACCEPTCONN fails on macOS; we just have to trust the user.
        pass
    else:
        if not listening:
            raise ValueError("SocketListener requires a listening socket")

    self.socket = socket
