@pytest.mark.xfail(
    env.PYPY and env.PYVERSION[:2] == (3, 8),
    reason="AST doesn't mark end of classes correctly",
)
def test_class_decorator_pragmas(self) -> None:
    parser = self.parse_text("""\
        class Foo(object):
            def __init__(self):
                self.x = 3

        @foo                        # nocover
        class Bar(object):
            def __init__(self):
                self.x = 8
        """)
    assert parser.raw_statements == {1, 2, 3, 5, 6, 7, 8}
    assert parser.statements == {1, 2, 3}
