@unittest.skipIf(WINDOWS, "broken on WINDOWS")  # TODO: fix it
def test_boot_time(self):
    # Test that boot_time() reflects system clock updates.
    t1 = psutil.boot_time()
    self.update_systime()
    t2 = psutil.boot_time()
    self.assertGreater(t2, t1)
    diff = int(t2 - t1)
    self.assertAlmostEqual(diff, 3600, delta=1)
