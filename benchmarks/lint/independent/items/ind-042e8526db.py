@xfail_pypy38
@pytest.mark.xfail(
    env.PYVERSION > (3, 12, 0, "alpha", 7, 0),
    reason="Pending bug https://github.com/python/cpython/issues/104686"
)
def test_class_decorator(self) -> None:
    arcz = (
        ".1 16 67 6D 7A AE E. "     # main line
        ".2 24 4.   -23 3-2 "       # decorators
        "-66 D-6 "                  # MyObject
    )
    if env.PYBEHAVIOR.trace_decorator_line_again:
        arcz += "A7 76 6A "
    self.check_coverage("""\
        def decorator(arg):
            def _dec(c):
                return c
            return _dec

        @decorator(6)
        @decorator(
            len([8]),
        )
        class MyObject(
            object
        ):
            X = 13
        a = 14
        """,
        arcz=arcz,
    )
