@pytest.mark.xfail(
    env.PYPY and env.PYVERSION >= (3, 9),
    reason="avoid a PyPy bug: 3666"
    # https://foss.heptapod.net/pypy/pypy/-/issues/3666
)
def test_function_decorator(self):
    arcz = (
        ".1 16 67 7A AE EF F. "     # main line
        ".2 24 4.   -23 3-2 "       # decorators
        "-6D D-6 "                  # my_function
    )
    if env.PYBEHAVIOR.trace_decorator_line_again:
        arcz += "A7 76 6A "
    self.check_coverage("""\
        def decorator(arg):
            def _dec(f):
                return f
            return _dec

        @decorator(6)
        @decorator(
            len([8]),
        )
        def my_function(
            a=len([11]),
        ):
            x = 13
        a = 14
        my_function()
        """,
        arcz=arcz,
    )
