@staticmethod
def _write_and_close(fobj, data):
    try:
        if data:
            fobj.write(data)
            if hasattr(fobj, 'flush'):
                # 3.6 started expecting flush to be called.
                fobj.flush()
    except OSError as ex:
        # Test cases from the stdlib can raise BrokenPipeError
        # without setting an errno value. This matters because
        # Python 2 doesn't have a BrokenPipeError.
        if isinstance(ex, BrokenPipeError) and ex.errno is None:
            ex.errno = errno.EPIPE
        if ex.errno not in (errno.EPIPE, errno.EINVAL):
            raise
    finally:
        try:
            fobj.close()
        except EnvironmentError:
            pass
