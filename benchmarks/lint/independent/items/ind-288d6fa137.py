@unittest.skipIf(
    sys.version_info[:3] <= (3, 5, 0), "this test requires Python 3.5.1+"
)
def test_server(self):
    async def run_server():
        # Use serve as an asynchronous context manager.
        async with serve(handler, "localhost", 0) as server:
            self.assertTrue(server.sockets)

        # Check that exiting the context manager closed the server.
        self.assertFalse(server.sockets)

    self.loop.run_until_complete(run_server())
