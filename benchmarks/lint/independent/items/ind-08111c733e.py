util.ssl_.SSLContext = PyOpenSSLContext  # type: ignore[assignment]
