return None  # type: ignore
