@pytest.mark.skipif(not testenv.C_TRACER, reason="Only the C tracer has refcounting issues")
def test_dropping_none(self) -> None:  # pragma: not covered
    # TODO: Mark this so it will only be run sometimes.
    pytest.skip("This is too expensive for now (30s)")
    # Start and stop coverage thousands of times to flush out bad
    # reference counting, maybe.
    _ = "this is just here to put a type comment on"  # type: ignore[unreachable]
    self.make_file(
        "the_code.py",
        """\
        import random
        def f():
            if random.random() > .5:
                x = 1
            else:
                x = 2
        """,
    )
    self.make_file(
        "main.py",
        """\
        import coverage
        import sys
        from the_code import f
        for i in range(10000):
            cov = coverage.Coverage(branch=True)
            cov.start()
            f()
            cov.stop()
            cov.erase()
        print("Final None refcount: %d" % (sys.getrefcount(None)))
        """,
    )
    status, out = self.run_command_status("python main.py")
    assert status == 0
    assert "Final None refcount" in out
    assert "Fatal" not in out
