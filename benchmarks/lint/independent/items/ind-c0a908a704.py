def test_cleanup_removes_pidfile(self):
    with tempfile.NamedTemporaryFile(delete=False) as f:
        pidfile = f.name
        f.write(b'2')
    try:
        instance = self._makeOne()
        instance.pidfile = pidfile
        instance.logger = DummyLogger()
        instance.write_pidfile()
        self.assertTrue(instance.unlink_pidfile)
        instance.cleanup()
        self.assertFalse(os.path.exists(pidfile))
    finally:
        try:
            os.unlink(pidfile)
        except OSError:
            pass
