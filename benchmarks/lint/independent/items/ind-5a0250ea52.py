def _get_pygments_lexer(self, lexer: Literal["python", "diff"]) -> Lexer | None:
    try:
        if lexer == "python":
            from pygments.lexers.python import PythonLexer

            return PythonLexer()
        elif lexer == "diff":
            from pygments.lexers.diff import DiffLexer

            return DiffLexer()
        else:
            assert_never(lexer)
    except ModuleNotFoundError:
        return None
