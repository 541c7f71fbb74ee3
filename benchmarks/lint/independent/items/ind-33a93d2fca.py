@unittest.skipUnless(
    hasattr(http.HTTPStatus, "IM_A_TEAPOT"),
    "test requires Python 3.9",
)
async def test_reconnect_with_custom_process_exception(self):
    """Client runs process_exception to tell if errors are retryable or fatal."""
    iteration = 0

    def process_request(connection, request):
        nonlocal iteration
        iteration += 1
        if iteration == 1:
            return connection.respond(http.HTTPStatus.SERVICE_UNAVAILABLE, "🚒")
        return connection.respond(http.HTTPStatus.IM_A_TEAPOT, "🫖")

    def process_exception(exc):
        if isinstance(exc, InvalidStatus):
            if 500 <= exc.response.status_code < 600:
                return None
            if exc.response.status_code == 418:
                return Exception("🫖 💔 ☕️")
        self.fail("unexpected exception")

    async with serve(*args, process_request=process_request) as server:
        with self.assertRaises(Exception) as raised:
            async with short_backoff_delay():
                async for _ in connect(
                    get_uri(server), process_exception=process_exception
                ):
                    self.fail("did not raise")

    self.assertEqual(iteration, 2)
    self.assertEqual(
        str(raised.exception),
        "🫖 💔 ☕️",
    )
