def _idval(val, argname, idx, idfn, config=None):
    if idfn:
        try:
            s = idfn(val)
            if s:
                return _escape_strings(s)
        except Exception:
            pass

    if config:
        hook_id = config.hook.pytest_make_parametrize_id(config=config, val=val)
        if hook_id:
            return hook_id

    if isinstance(val, STRING_TYPES):
        return _escape_strings(val)
    elif isinstance(val, (float, int, bool, NoneType)):
        return str(val)
    elif isinstance(val, REGEX_TYPE):
        return _escape_strings(val.pattern)
    elif enum is not None and isinstance(val, enum.Enum):
        return str(val)
    elif isclass(val) and hasattr(val, '__name__'):
        return val.__name__
    return str(argname)+str(idx)
