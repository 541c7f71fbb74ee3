@pytest.mark.xfail(testenv.SYS_MON, reason="TODO: fix this for sys.monitoring")
def test_abandoned_yield(self) -> None:
    # https://github.com/nedbat/coveragepy/issues/440
    self.check_coverage("""\
        def gen():
            print(2)
            yield 3
            print(4)

        print(next(gen()))
        """,
        lines=[1, 2, 3, 4, 6],
        missing="4",
        arcz=".1 16 6.  .2 23 34 4.",
        arcz_missing="34 4.",
    )
    assert self.stdout() == "2\n3\n"
