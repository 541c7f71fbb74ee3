@staticmethod
def _read_and_close(fobj):
    try:
        return fobj.read()
    finally:
        try:
            fobj.close()
        except EnvironmentError:
            pass
