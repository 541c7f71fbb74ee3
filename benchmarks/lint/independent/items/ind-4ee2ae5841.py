def lines(self) -> Set[TLineNo]:    # type: ignore[return]
    """Get the executable lines in this file.

    Your plug-in must determine which lines in the file were possibly
    executable.  This method returns a set of those line numbers.

    Returns a set of line numbers.

    """
    _needs_to_implement(self, "lines")
