def checkused(self, socketname):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        s.connect(socketname)
        s.send(as_bytes("GET / HTTP/1.0\r\n\r\n"))
        s.recv(1)
        s.close()
    except socket.error:
        return False
    else:
        return True
