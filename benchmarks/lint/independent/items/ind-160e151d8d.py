async def asgi(receive: Receive, send: Send) -> None:
    websocket = WebSocket(scope, receive=receive, send=send)
    await websocket.accept()
    async with anyio.create_task_group() as task_group:
        task_group.start_soon(respond, websocket)
        try:
            # this will block as the client does not send us data
            # it should not prevent `respond` from executing though
            await websocket.receive_json()
        except WebSocketDisconnect:
            pass
