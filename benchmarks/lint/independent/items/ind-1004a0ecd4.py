def _stderr(*args):
    try:
        print(*args, file=sys.stderr)
    except (IOError, AttributeError):
        pass  # Some environments do not allow printing (mod_wsgi)
