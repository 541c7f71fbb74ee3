def __nonzero__(self):
    """Returns true if :attr:`status_code` is 'OK'."""

    try:
        self.raise_for_status()
    except HTTPError:
        return False
    finally:
        return True
