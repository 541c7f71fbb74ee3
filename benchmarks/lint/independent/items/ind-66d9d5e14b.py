def __eq__(self, other):
    return (
        other is not None and
        isinstance(other, ExpectedException) and
        self.args == other.args
    )
