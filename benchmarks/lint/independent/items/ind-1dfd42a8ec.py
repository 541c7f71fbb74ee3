def parse_date(value):
    if not value:
        return None
    try:
        if not isinstance(value, str):
            value = str(value, "latin-1")
    except Exception:
        return None
    t = parsedate_tz(value)

    if t is None:
        # Could not parse

        return None

    t = mktime_tz(t)

    return datetime.fromtimestamp(t, UTC)
