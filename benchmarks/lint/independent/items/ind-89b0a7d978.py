def __setitem__(self, key: _KT, value: _VT) -> None:
    try:
        super().__setitem__(key, value)
    except TypeError:
        pass  # key is not weak-referenceable, skip caching
