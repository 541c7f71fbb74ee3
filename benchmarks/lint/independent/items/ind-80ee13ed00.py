@pytest.mark.xfail(testenv.SYS_MON, reason="TODO: fix this for sys.monitoring")
def test_partial_generators(self) -> None:
    # https://github.com/nedbat/coveragepy/issues/475
    # Line 2 is executed completely.
    # Line 3 is started but not finished, because zip ends before it finishes.
    # Line 4 is never started.
    cov = self.check_coverage("""\
        def f(a, b):
            c = (i for i in a)          # 2
            d = (j for j in b)          # 3
            e = (k for k in b)          # 4
            return dict(zip(c, d))

        f(['a', 'b'], [1, 2, 3])
        """,
        arcz=".1 17 7.  .2 23 34 45 5.  -22 2-2  -33 3-3  -44 4-4",
        arcz_missing="3-3 -44 4-4",
    )
    expected = "line 3 didn't finish the generator expression on line 3"
    assert self.get_missing_arc_description(cov, 3, -3) == expected
    expected = "line 4 didn't run the generator expression on line 4"
    assert self.get_missing_arc_description(cov, 4, -4) == expected
