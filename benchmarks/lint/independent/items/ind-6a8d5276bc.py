@unittest.skipIf(
    sys.version_info[:2] < (3, 11),
    "raise_exceptions requires Python 3.11+",
)
async def test_broadcast_text_reports_no_errors(self):
    """broadcast broadcasts a text message without raising exceptions."""
    broadcast([self.connection], "😀", raise_exceptions=True)
    await self.assertFrameSent(Frame(Opcode.TEXT, "😀".encode()))
