def socket_server(self, server_up):
    sock = None
    try:
        sock = socket.socket(self.af, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self.port))
        sock.listen(5)
        server_up.set()
        while True:
            (conn, addr) = sock.accept()
            conn.send(self.motd)
            conn.send(self.prompt1)
            result = conn.recv(1024)
            if result != self.enter:
                break
            conn.send(self.prompt2)
            result = conn.recv(1024)
            if result != self.enter:
                break
            conn.send(self.prompt3)
            result = conn.recv(1024)
            if result.startswith(self.exit[0]):
                conn.shutdown(socket.SHUT_RDWR)
                conn.close()
    except KeyboardInterrupt:
        pass
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        except socket.error:
            pass
    exit(0)
