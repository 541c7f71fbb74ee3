@reap_threads
def test_quick_connect(self):  # pragma: no cover
    # see: http://bugs.python.org/issue10340

    if self.family not in (socket.AF_INET, getattr(socket, "AF_INET6", object())):
        self.skipTest("test specific to AF_INET and AF_INET6")

    server = BaseServer(self.family, self.addr)
    # run the thread 500 ms: the socket should be connected in 200 ms
    t = threading.Thread(target=lambda: asyncore.loop(timeout=0.1, count=5))
    t.start()
    try:
        sock = socket.socket(self.family, socket.SOCK_STREAM)
        with closewrapper(sock) as s:
            s.settimeout(0.2)
            s.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
            )

            try:
                s.connect(server.address)
            except OSError:
                pass
    finally:
        join_thread(t, timeout=TIMEOUT)
