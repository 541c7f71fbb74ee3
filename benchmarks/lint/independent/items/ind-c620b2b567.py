def init_poolmanager(
    self,
    connections: int,
    maxsize: int,
    block: bool = DEFAULT_POOLBLOCK,
    **pool_kwargs: Any,
) -> PoolManager:
    if self._ssl_context is not None:
        pool_kwargs.setdefault("ssl_context", self._ssl_context)
    return super().init_poolmanager(  # type: ignore[misc]
        connections=connections,
        maxsize=maxsize,
        block=block,
        **pool_kwargs,
    )
