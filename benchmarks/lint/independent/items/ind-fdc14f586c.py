def update(self, *args: HeadersLike, **kwargs: str) -> None:  # type: ignore
    """
    Update from a :class:`Headers` instance and/or keyword arguments.

    """
    args = tuple(
        arg.raw_items() if isinstance(arg, Headers) else arg for arg in args
    )
    super().update(*args, **kwargs)
