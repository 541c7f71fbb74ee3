def update(self, headers: HeaderTypes = None) -> None:  # type: ignore
    headers = Headers(headers)
    for key in headers.keys():
        if key in self:
            self.pop(key)
    self._list.extend(headers._list)
