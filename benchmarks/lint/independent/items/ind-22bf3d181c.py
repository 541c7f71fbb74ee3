def __eq__(self, other: typing.Any) -> bool:
    try:
        other_headers = Headers(other)
    except ValueError:
        return False

    self_list = [(key, value) for _, key, value in self._list]
    other_list = [(key, value) for _, key, value in other_headers._list]
    return sorted(self_list) == sorted(other_list)
