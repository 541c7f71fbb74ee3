async def wrapped_app(scope: Scope, receive: Receive, send: Send) -> None:
    response_started = False

    async def sender(message: Message) -> None:
        nonlocal response_started

        if message["type"] == "http.response.start":
            response_started = True
        await send(message)

    try:
        await app(scope, receive, sender)
    except Exception as exc:
        handler = None

        if isinstance(exc, HTTPException):
            handler = status_handlers.get(exc.status_code)

        if handler is None:
            handler = _lookup_exception_handler(exception_handlers, exc)

        if handler is None:
            raise exc

        if response_started:
            raise RuntimeError("Caught handled exception, but response already started.") from exc

        if is_async_callable(handler):
            response = await handler(conn, exc)
        else:
            response = await run_in_threadpool(handler, conn, exc)  # type: ignore
        if response is not None:
            await response(scope, receive, sender)
