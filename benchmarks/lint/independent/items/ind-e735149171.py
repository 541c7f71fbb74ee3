def __del__(self):
    try:
        # if this object went out of scope prior to shutting down
        # subscriptions, close the connection manually before
        # returning it to the connection pool
        self.reset()
    except Exception:
        pass
