def _get_section(self, section: str) -> tuple[str | None, TConfigSectionOut | None]:
    """Get a section from the data.

    Arguments:
        section (str): A section name, which can be dotted.

    Returns:
        name (str): the actual name of the section that was found, if any,
            or None.
        data (str): the dict of data in the section, or None if not found.

    """
    prefixes = ["tool.coverage."]
    for prefix in prefixes:
        real_section = prefix + section
        parts = real_section.split(".")
        try:
            data = self.data[parts[0]]
            for part in parts[1:]:
                data = data[part]
        except KeyError:
            continue
        break
    else:
        return None, None
    return real_section, data
