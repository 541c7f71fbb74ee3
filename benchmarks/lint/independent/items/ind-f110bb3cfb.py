@property
def http_version(self) -> str:
    try:
        http_version: bytes = self.extensions["http_version"]
    except KeyError:
        return "HTTP/1.1"
    else:
        return http_version.decode("ascii", errors="ignore")
