assert not x.g  # type: ignore[name-defined] # noqa: F821
