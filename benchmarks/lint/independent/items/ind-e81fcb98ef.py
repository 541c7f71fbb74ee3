@unittest.skipIf(
    sys.version_info[:3] <= (3, 5, 0), "this test requires Python 3.5.1+"
)
def test_client(self):
    start_server = serve(handler, "localhost", 0)
    server = self.loop.run_until_complete(start_server)

    async def run_client():
        # Use connect as an asynchronous context manager.
        async with connect(get_server_uri(server)) as client:
            self.assertEqual(client.state, State.OPEN)

        # Check that exiting the context manager closed the connection.
        self.assertEqual(client.state, State.CLOSED)

    self.loop.run_until_complete(run_client())

    server.close()
    self.loop.run_until_complete(server.wait_closed())
