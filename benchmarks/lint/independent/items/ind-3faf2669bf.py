@unittest.skipIf(
    sys.version_info[:2] < (3, 11),
    "raise_exceptions requires Python 3.11+",
)
def test_broadcast_text_reports_no_errors(self):
    broadcast([self.protocol], "café", raise_exceptions=True)
    self.assertOneFrameSent(True, OP_TEXT, "café".encode())
