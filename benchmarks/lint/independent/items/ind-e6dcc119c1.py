@unittest.skipIf(
    platform.python_implementation() == "PyPy",
    "this test fails randomly due to a bug in PyPy",  # see #1314 for details
)
def test_close_idempotency_race_condition(self):
    """close waits if the connection is already closing."""

    self.connection.close_timeout = 6 * MS

    def closer():
        with self.delay_frames_rcvd(4 * MS):
            self.connection.close()

    close_thread = threading.Thread(target=closer)
    close_thread.start()

    # Let closer() initiate the closing handshake and send a close frame.
    time.sleep(MS)
    self.assertFrameSent(Frame(Opcode.CLOSE, b"\x03\xe8"))

    # Connection isn't closed yet.
    with self.assertRaises(TimeoutError):
        self.connection.recv(timeout=MS)

    self.connection.close()
    self.assertNoFrameSent()

    # Connection is closed now.
    with self.assertRaises(ConnectionClosedOK):
        self.connection.recv(timeout=MS)

    close_thread.join()
