def __call__(self, r):
    # If we have a saved nonce, skip the 401
    if self.last_nonce:
        r.headers['Authorization'] = self.build_digest_header(r.method, r.url)
    try:
        self.pos = r.body.tell()
    except AttributeError:
        pass
    r.register_hook('response', self.handle_401)
    r.register_hook('response', self.handle_redirect)
    return r
