def keys(self) -> typing.List[str]:  # type: ignore
    return [key.decode(self.encoding) for key in self._dict.keys()]
