def get_option(self, option_name: str) -> TConfigValueOut | None:
    """Get an option from the configuration.

    `option_name` is a colon-separated string indicating the section and
    option name.  For example, the ``branch`` option in the ``[run]``
    section of the config file would be indicated with `"run:branch"`.

    Returns the value of the option.

    """
    # Special-cased options.
    if option_name == "paths":
        return self.paths  # type: ignore[return-value]

    # Check all the hard-coded options.
    for option_spec in self.CONFIG_FILE_OPTIONS:
        attr, where = option_spec[:2]
        if where == option_name:
            return getattr(self, attr)  # type: ignore[no-any-return]

    # See if it's a plugin option.
    plugin_name, _, key = option_name.partition(":")
    if key and plugin_name in self.plugins:
        return self.plugin_options.get(plugin_name, {}).get(key)

    # If we get here, we didn't find the option.
    raise ConfigError(f"No such option: {option_name!r}")
