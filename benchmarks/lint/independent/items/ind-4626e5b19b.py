@pytest.mark.skipif(
    ((3, 11, 0, "alpha", 4, 0) == env.PYVERSION) and not env.C_TRACER,
    reason="avoid a 3.11 bug: https://bugs.python.org/issue46389",
)
def test_bug_324(self):
    # This code is tricky: the list() call pulls all the values from gen(),
    # but each of them is a generator itself that is never iterated.  As a
    # result, the generator expression on line 3 is never entered or run.
    self.check_coverage("""\
        def gen(inp):
            for n in inp:
                yield (i * 2 for i in range(n))

        list(gen([1,2,3]))
        """,
        arcz=
            ".1 15 5. "     # The module level
            ".2 23 32 2. "  # The gen() function
            "-33 3-3",      # The generator expression
        arcz_missing="-33 3-3",
    )
