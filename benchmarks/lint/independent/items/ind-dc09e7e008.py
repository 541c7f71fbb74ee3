current = current.parent  # type: ignore
