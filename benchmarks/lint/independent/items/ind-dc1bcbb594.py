def socket_handler(listener: socket.socket) -> None:
    sock = listener.accept()[0]

    try:
        self._wrap_in_ssl(sock)
    except ssl.SSLError:
        pass

    done_receiving.wait(5)
    sock.close()
