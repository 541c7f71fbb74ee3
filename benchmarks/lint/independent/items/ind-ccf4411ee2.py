def test_set_reuse_addr(self):  # pragma: no cover
    if HAS_UNIX_SOCKETS and self.family == socket.AF_UNIX:
        self.skipTest("Not applicable to AF_UNIX sockets.")

    with closewrapper(socket.socket(self.family)) as sock:
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        except OSError:
            unittest.skip("SO_REUSEADDR not supported on this platform")
        else:
            # if SO_REUSEADDR succeeded for sock we expect asyncore
            # to do the same
            s = asyncore.dispatcher(socket.socket(self.family))
            self.assertFalse(
                s.socket.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR)
            )
            s.socket.close()
            s.create_socket(self.family)
            s.set_reuse_addr()
            self.assertTrue(
                s.socket.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR)
            )
