def __getitem__(self, key: _KT) -> _VT | None:
    try:
        return cast("_VT", super().__getitem__(key))
    except (TypeError, KeyError):
        return None  # key is either not weak-referenceable or not cached
