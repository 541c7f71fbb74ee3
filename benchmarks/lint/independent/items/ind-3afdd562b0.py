@pytest.mark.xfail(
    (3, 11, 0, "alpha", 3, 0) <= env.PYVERSION < (3, 11, 0, "alpha", 4, 0),
    reason="avoid class docstring bug: bpo 46331",
    # https://bugs.python.org/issue46331
)
def test_class_def(self):
    arcz="-22 2D DE E-2  23 36 6A A-2  -68 8-6   -AB B-A"
    self.check_coverage("""\
        # A comment.
        class theClass:
            ''' the docstring.
                Don't be fooled.
            '''
            def __init__(self):
                ''' Another docstring. '''
                self.a = 1

            def foo(self):
                return self.a

        x = theClass().foo()
        assert x == 1
        """,
        [2, 6, 8, 10, 11, 13, 14], "",
        arcz=arcz,
    )
