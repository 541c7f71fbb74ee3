def _safe_urlsplit(s):
    """the urlparse.urlsplit cache breaks if it contains unicode and
    we cannot control that.  So we force type cast that thing back
    to what we think it is.
    """
    rv = urlparse.urlsplit(s)
    if type(rv[1]) is not type(s):
        try:
            return tuple(map(type(s), rv))
        except UnicodeError:
            # oh well, we most likely will break later again, but
            # let's just say it worked out well to that point.
            pass
    return rv
