def set_option(self, option_name: str, value: TConfigValueIn | TConfigSectionIn) -> None:
    """Set an option in the configuration.

    `option_name` is a colon-separated string indicating the section and
    option name.  For example, the ``branch`` option in the ``[run]``
    section of the config file would be indicated with `"run:branch"`.

    `value` is the new value for the option.

    """
    # Special-cased options.
    if option_name == "paths":
        self.paths = value  # type: ignore[assignment]
        return

    # Check all the hard-coded options.
    for option_spec in self.CONFIG_FILE_OPTIONS:
        attr, where = option_spec[:2]
        if where == option_name:
            setattr(self, attr, value)
            return

    # See if it's a plugin option.
    plugin_name, _, key = option_name.partition(":")
    if key and plugin_name in self.plugins:
        self.plugin_options.setdefault(plugin_name, {})[key] = value # type: ignore[index]
        return

    # If we get here, we didn't find the option.
    raise ConfigError(f"No such option: {option_name!r}")
