return f.__get__(obj, type(obj))  # type: ignore
