_server = await loop.start_serving_pipe(  # type: ignore[attr-defined]
    server, self._path
)
