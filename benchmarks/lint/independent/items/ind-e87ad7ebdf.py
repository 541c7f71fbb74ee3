def requirements():
    import warnings

    try:
        with warnings.catch_warnings(action="ignore"):
            import black  # noqa
            import zimports  # noqa

        return False
    except Exception:
        return True
