def getlist(self, key: str, type: type[T] | None = None) -> list[str] | list[T]:
    """Return the list of items for a given key. If that key is not in the
    :class:`Headers`, the return value will be an empty list.  Just like
    :meth:`get`, :meth:`getlist` accepts a `type` parameter.  All items will
    be converted with the callable defined there.

    :param key: The key to be looked up.
    :param type: A callable that is used to cast the value in the
                 :class:`Headers`.  If a :exc:`ValueError` is raised
                 by this callable the value will be removed from the list.
    :return: a :class:`list` of all the values for the key.

    .. versionchanged:: 3.0
        The ``as_bytes`` parameter was removed.

    .. versionchanged:: 0.9
        The ``as_bytes`` parameter was added.
    """
    ikey = key.lower()

    if type is not None:
        result = []

        for k, v in self:
            if k.lower() == ikey:
                try:
                    result.append(type(v))  # type: ignore[call-arg]
                except ValueError:
                    continue

        return result

    return [v for k, v in self if k.lower() == ikey]
