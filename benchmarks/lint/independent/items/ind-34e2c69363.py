def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> ProxyManager:
    # Proxy manager replaces the pool manager, so inject our SSL
    # context here too. https://github.com/pypa/pip/issues/13288
    if self._ssl_context is not None:
        proxy_kwargs.setdefault("ssl_context", self._ssl_context)
    return super().proxy_manager_for(proxy, **proxy_kwargs)  # type: ignore[misc]
