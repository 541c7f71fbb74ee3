def getlist(self, key: K, type: type[T] | None = None) -> list[V] | list[T]:
    rv: list[_omd_bucket[K, V]]

    try:
        rv = dict.__getitem__(self, key)  # type: ignore[index]
    except KeyError:
        return []
    if type is None:
        return [x.value for x in rv]
    result = []
    for item in rv:
        try:
            result.append(type(item.value))  # type: ignore[call-arg]
        except (ValueError, TypeError):
            pass
    return result
