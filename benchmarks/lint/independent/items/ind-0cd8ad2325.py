@unittest.skipUnless(
    hasattr(http.HTTPStatus, "IM_A_TEAPOT"),
    "test requires Python 3.9",
)
async def test_reconnect_with_custom_process_exception_raising_exception(self):
    """Client supports raising an exception in process_exception."""

    def process_request(connection, request):
        return connection.respond(http.HTTPStatus.IM_A_TEAPOT, "🫖")

    def process_exception(exc):
        if isinstance(exc, InvalidStatus) and exc.response.status_code == 418:
            raise Exception("🫖 💔 ☕️")
        self.fail("unexpected exception")

    async with serve(*args, process_request=process_request) as server:
        with self.assertRaises(Exception) as raised:
            async with short_backoff_delay():
                async for _ in connect(
                    get_uri(server), process_exception=process_exception
                ):
                    self.fail("did not raise")

    self.assertEqual(
        str(raised.exception),
        "🫖 💔 ☕️",
    )
