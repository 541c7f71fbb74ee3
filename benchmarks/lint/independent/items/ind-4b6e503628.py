def reset(self, token: RunvarToken[T]) -> None:
    """
    Restore this run variable to the value it held before the matching :meth:`set`.

    :param token: the token returned by :meth:`set`
    :raises ValueError: if the token belongs to a different :class:`RunVar` or the token
        has already been used

    """
    if token._var is not self:
        raise ValueError("This token does not belong to this RunVar")

    if token._redeemed:
        raise ValueError("This token has already been used")

    if token._value is _NoValueSet.NO_VALUE_SET:
        try:
            del self._current_vars[self]
        except KeyError:
            pass
    else:
        self._current_vars[self] = token._value

    token._redeemed = True
