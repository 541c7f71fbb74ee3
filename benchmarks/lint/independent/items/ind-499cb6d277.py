def __getitem__(self, key: str | AppKey[_T]) -> Any:
    for mapping in self._maps:
        try:
            return mapping[key]
        except KeyError:
            pass
    raise KeyError(key)
