@unittest.skipIf(sys.version_info[:2] <= (3, 4), "this test requires Python 3.5+")
@with_server()
def test_explicit_socket(self):
    class TrackedSocket(socket.socket):
        def __init__(self, *args, **kwargs):
            self.used_for_read = False
            self.used_for_write = False
            super().__init__(*args, **kwargs)

        def recv(self, *args, **kwargs):
            self.used_for_read = True
            return super().recv(*args, **kwargs)

        def send(self, *args, **kwargs):
            self.used_for_write = True
            return super().send(*args, **kwargs)

    server_socket = [
        sock for sock in self.server.sockets if sock.family == socket.AF_INET
    ][0]
    client_socket = TrackedSocket(socket.AF_INET, socket.SOCK_STREAM)
    client_socket.connect(server_socket.getsockname())

    try:
        self.assertFalse(client_socket.used_for_read)
        self.assertFalse(client_socket.used_for_write)

        with self.temp_client(
            sock=client_socket,
            # "You must set server_hostname when using ssl without a host"
            server_hostname="localhost" if self.secure else None,
        ):
            self.loop.run_until_complete(self.client.send("Hello!"))
            reply = self.loop.run_until_complete(self.client.recv())
            self.assertEqual(reply, "Hello!")

        self.assertTrue(client_socket.used_for_read)
        self.assertTrue(client_socket.used_for_write)

    finally:
        client_socket.close()
