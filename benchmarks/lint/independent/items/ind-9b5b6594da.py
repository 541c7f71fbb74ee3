def _is_ipv6_enabled():  # pragma: no cover
    """Check whether IPv6 is enabled on this host."""

    if compat.HAS_IPV6:
        sock = None
        try:
            sock = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
            sock.bind(("::1", 0))

            return True
        except OSError:
            pass
        finally:
            if sock:
                sock.close()

    return False
