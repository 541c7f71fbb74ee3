@pytest.mark.skipif(not env.PYBEHAVIOR.yield_from,
    reason="Python before 3.3 doesn't have 'yield from'"
)
def test_yield_from(self):
    self.check_coverage("""\
        def gen(inp):
            i = 2
            for n in inp:
                i = 4
                yield from range(3)
                i = 6
            i = 7

        list(gen([1,2,3]))
        """,
        arcz=".1 19 9.  .2 23 34 45 56 63 37 7.",
        arcz_unpredicted="5.",
    )
