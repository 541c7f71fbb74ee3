@unittest.skipIf(LINUX, "Skip due to different localtime behavior on Linux")
def test_rfcformat_central_localized(self):
    d = central.localize(dt.datetime(2013, 11, 10, 8, 23, 45), is_dst=False)
    assert_equal(utils.rfcformat(d, localtime=True), "Sun, 10 Nov 2013 08:23:45 -0600")
