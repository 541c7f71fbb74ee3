def test_resource_warning(self):
    # Issue #11453
    got_warning = False

    while got_warning is False:
        # we try until we get the outcome we want because this
        # test is not deterministic (gc_collect() may not
        fd = os.open(TESTFN, os.O_RDONLY)
        f = asyncore.file_wrapper(fd)

        os.close(fd)

        try:
            with check_warnings(("", ResourceWarning)):
                f = None
                gc_collect()
        except AssertionError:  # pragma: no cover
            pass
        else:
            got_warning = True
