def __eq__(self, other: object) -> bool:
    maybe_constructable = ensure_can_construct_http_header_dict(other)
    if maybe_constructable is None:
        return False
    else:
        other_as_http_header_dict = type(self)(maybe_constructable)

    return {k.lower(): v for k, v in self.itermerged()} == {
        k.lower(): v for k, v in other_as_http_header_dict.itermerged()
    }
