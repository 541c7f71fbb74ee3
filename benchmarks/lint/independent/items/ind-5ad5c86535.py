@pytest.mark.xfail(
    env.PYVERSION[:5] == (3, 11, 0, 'alpha', 3),
    reason="avoid 3.11 bug: bpo46225",
)
@skip_cpython_92236
def test_bug_308(self):
    self.check_coverage("""\
        def run():
            for i in range(10):
                yield lambda: i

        for f in run():
            print(f())
        """,
        arcz=".1 15 56 65 5.  .2 23 32 2.  -33 3-3",
    )

    self.check_coverage("""\
        def run():
            yield lambda: 100
            for i in range(10):
                yield lambda: i

        for f in run():
            print(f())
        """,
        arcz=".1 16 67 76 6.  .2 23 34 43 3.   -22 2-2  -44 4-4",
    )

    self.check_coverage("""\
        def run():
            yield lambda: 100  # no branch miss

        for f in run():
            print(f())
        """,
        arcz=".1 14 45 54 4.  .2 2.  -22 2-2",
    )
