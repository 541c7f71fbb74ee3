def tls_version(self) -> ssl.TLSVersion:
    if self.tls_protocol_name is None:
        return pytest.skip("Skipping base test class")
    try:
        from ssl import TLSVersion
    except ImportError:
        return pytest.skip("ssl.TLSVersion isn't available")
    return TLSVersion[self.tls_protocol_name.replace(".", "_")]
