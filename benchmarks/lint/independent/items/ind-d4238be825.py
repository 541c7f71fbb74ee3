def test_max_retry(self):
    with HTTPConnectionPool(self.host, self.port) as pool:
        try:
            r = pool.request("GET", "/redirect", fields={"target": "/"}, retries=0)
            self.fail(
                "Failed to raise MaxRetryError exception, returned %r" % r.status
            )
        except MaxRetryError:
            pass
