def restore_sys(func):
    """Decorates `func(capsysbin)` to save & restore `sys.stdin, sys.argv`."""
    @wraps(func)
    def inner(capsysbin):
        _SYS = sys.stdin, sys.argv
        try:
            res = func(capsysbin)
        except:
            pass
        else:
            return res
        finally:
            sys.stdin, sys.argv = _SYS

    return inner
