@pytest.mark.skipif(PYPY, reason="unreliable on PYPY")
def test_open_files_mode(self):
    def get_test_file(fname):
        p = psutil.Process()
        giveup_at = time.time() + GLOBAL_TIMEOUT
        while True:
            for file in p.open_files():
                if file.path == os.path.abspath(fname):
                    return file
                elif time.time() > giveup_at:
                    break
        raise RuntimeError("timeout looking for test file")

    testfn = self.get_testfn()
    with open(testfn, "w"):
        assert get_test_file(testfn).mode == "w"
    with open(testfn):
        assert get_test_file(testfn).mode == "r"
    with open(testfn, "a"):
        assert get_test_file(testfn).mode == "a"
    with open(testfn, "r+"):
        assert get_test_file(testfn).mode == "r+"
    with open(testfn, "w+"):
        assert get_test_file(testfn).mode == "r+"
    with open(testfn, "a+"):
        assert get_test_file(testfn).mode == "a+"

    safe_rmpath(testfn)
    with open(testfn, "x"):
        assert get_test_file(testfn).mode == "w"
    safe_rmpath(testfn)
    with open(testfn, "x+"):
        assert get_test_file(testfn).mode == "r+"
