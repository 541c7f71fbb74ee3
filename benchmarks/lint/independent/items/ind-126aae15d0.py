scope = None  # type: ignore[assignment]
