cookie = Cookie(**kwargs)  # type: ignore
