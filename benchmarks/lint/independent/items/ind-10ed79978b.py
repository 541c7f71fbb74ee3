def test_pid_exists_2(self):
    pids = psutil.pids()
    for pid in pids:
        try:
            assert psutil.pid_exists(pid)
        except AssertionError:
            # in case the process disappeared in meantime fail only
            # if it is no longer in psutil.pids()
            time.sleep(0.1)
            assert pid not in psutil.pids()
    pids = range(max(pids) + 15000, max(pids) + 16000)
    for pid in pids:
        assert not psutil.pid_exists(pid)
