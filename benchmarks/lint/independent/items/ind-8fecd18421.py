def _detach(self):
    if os.fork() == 0:  # first child
        os.setsid()  # create new session
        if os.fork() > 0:  # pragma: no cover
            # second child
            os._exit(0)
    else:
        os._exit(0)
    return self
