@pytest.mark.skipif(PYPY, reason="unreliable on PYPY")
@retry_on_failure()
def test_long_name(self):
    pyexe = create_py_exe(self.get_testfn(suffix=string.digits * 2))
    cmdline = [
        pyexe,
        "-c",
        "import time; [time.sleep(0.1) for x in range(100)]",
    ]
    p = self.spawn_psproc(cmdline)
    if OPENBSD:
        # XXX: for some reason the test process may turn into a
        # zombie (don't know why). Because the name() is long, all
        # UNIX kernels truncate it to 15 chars, so internally psutil
        # tries to guess the full name() from the cmdline(). But the
        # cmdline() of a zombie on OpenBSD fails (internally), so we
        # just compare the first 15 chars. Full explanation:
        # https://github.com/giampaolo/psutil/issues/2239
        try:
            assert p.name() == os.path.basename(pyexe)
        except AssertionError:
            if p.status() == psutil.STATUS_ZOMBIE:
                assert os.path.basename(pyexe).startswith(p.name())
            else:
                raise
    else:
        assert p.name() == os.path.basename(pyexe)
