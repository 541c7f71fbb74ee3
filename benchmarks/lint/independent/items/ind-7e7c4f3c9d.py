def __getattr__(name: str) -> Any:
    assert aliases is not None  # mypy cannot figure this out
    try:
        source = aliases[name]
    except KeyError:
        pass
    else:
        return import_name(name, source, namespace)

    assert deprecated_aliases is not None  # mypy cannot figure this out
    try:
        source = deprecated_aliases[name]
    except KeyError:
        pass
    else:
        warnings.warn(
            f"{package}.{name} is deprecated",
            DeprecationWarning,
            stacklevel=2,
        )
        return import_name(name, source, namespace)

    raise AttributeError(f"module {package!r} has no attribute {name!r}")
