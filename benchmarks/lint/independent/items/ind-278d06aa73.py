@property
def lexer(self) -> Optional[Lexer]:
    """The lexer for this syntax, or None if no lexer was found.

    Tries to find the lexer by name if a string was passed to the constructor.
    """

    if isinstance(self._lexer, Lexer):
        return self._lexer
    try:
        return get_lexer_by_name(
            self._lexer,
            stripnl=False,
            ensurenl=True,
            tabsize=self.tab_size,
        )
    except ClassNotFound:
        return None
