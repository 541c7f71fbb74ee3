def retry_fun(fun):
    # On Windows it could happen that the file or directory has
    # open handles or references preventing the delete operation
    # to succeed immediately, so we retry for a while. See:
    # https://bugs.python.org/issue33240
    stop_at = time.time() + GLOBAL_TIMEOUT
    while time.time() < stop_at:
        try:
            return fun()
        except FileNotFoundError:
            pass
        except OSError as _:
            err = _
            warnings.warn(f"ignoring {err!s}", UserWarning, stacklevel=2)
        time.sleep(0.01)
    raise err
