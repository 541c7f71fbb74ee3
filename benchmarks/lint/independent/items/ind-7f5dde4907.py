@requires_network()
@pytest.mark.xfail(
    sys.version_info == (3, 13, 0, "alpha", 5) and sys.platform == "win32",
    reason="https://github.com/python/cpython/issues/116764",
)
@pytest.mark.parametrize(
    ["proxy_scheme", "target_scheme", "use_forwarding_for_https"],
    [
        ("http", "http", False),
        ("https", "http", False),
        # 'use_forwarding_for_https' is only valid for HTTPS+HTTPS.
        ("https", "https", True),
    ],
)
def test_forwarding_proxy_request_timeout(
    self, proxy_scheme: str, target_scheme: str, use_forwarding_for_https: bool
) -> None:
    proxy_url = self.https_proxy_url if proxy_scheme == "https" else self.proxy_url
    target_url = f"{target_scheme}://{TARPIT_HOST}"

    with proxy_from_url(
        proxy_url,
        ca_certs=DEFAULT_CA,
        use_forwarding_for_https=use_forwarding_for_https,
    ) as proxy:
        with pytest.raises(MaxRetryError) as e:
            timeout = Timeout(connect=LONG_TIMEOUT, read=SHORT_TIMEOUT)
            proxy.request("GET", target_url, timeout=timeout)

        # We sent the request to the proxy but didn't get any response
        # so we're not sure if that's being caused by the proxy or the
        # target so we put the blame on the target.
        assert isinstance(e.value.reason, ReadTimeoutError)
