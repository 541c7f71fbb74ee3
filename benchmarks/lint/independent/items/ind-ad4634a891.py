def decorator(func: typing.Callable) -> typing.Callable:  # type: ignore[type-arg]
    self.add_websocket_route(path, func, name=name)
    return func
