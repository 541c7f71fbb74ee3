def handle_accept(self):
    try:
        sock, addr = self.accept()
    except TypeError:
        # sometimes accept() might return None (see issue 91)
        return
    except socket.error as err:
        # ECONNABORTED might be thrown on *BSD (see issue 105)
        if err.errno != errno.ECONNABORTED:
            raise
    else:
        # sometimes addr == None instead of (ip, port) (see issue 104)
        if addr is not None:
            self.handle_accepted(sock, addr)
