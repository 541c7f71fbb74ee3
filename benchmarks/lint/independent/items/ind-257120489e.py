def replace_reference(
    conf: Optional[Config],
    current_env: Optional[str],
    loader: "IniLoader",
    value: str,
) -> Optional[str]:
    # a return value of None indicates could not replace
    match = _REPLACE_REF.match(value)
    if match:
        settings = match.groupdict()
        # if env set try only there, if section set try only there
        # otherwise try first in core, then in current env
        try:
            key = settings["key"]
            if settings["section"] is None and settings["full_env"] == BASE_TEST_ENV:
                settings["section"] = BASE_TEST_ENV
            for src in _config_value_sources(settings["env"], settings["section"], current_env, conf, loader):
                try:
                    if isinstance(src, SectionProxy):
                        return src[key]
                    value = src[key]
                    as_str, _ = stringify(value)
                    return as_str
                except KeyError:  # if this is missing maybe another src has it
                    continue
            default = settings["default"]
            if default is not None:
                return default
        except Exception as exc:  # noqa # ignore errors - but don't replace them
            pass
    return None
