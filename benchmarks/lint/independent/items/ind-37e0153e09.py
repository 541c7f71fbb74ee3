def __eq__(self, other):
    # Test for equality with another Process object based
    # on PID and creation time.
    if not isinstance(other, Process):
        return NotImplemented
    return self._cmp_idents(self._ident, other._ident) != "different"
