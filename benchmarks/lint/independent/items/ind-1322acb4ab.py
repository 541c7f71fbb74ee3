async def accept(self) -> abc.SocketStream:
    if self._closed:
        raise ClosedResourceError

    with self._accept_guard:
        await AsyncIOBackend.checkpoint()
        with CancelScope() as self._accept_scope:
            try:
                client_sock, _addr = await self._loop.sock_accept(self._raw_socket)
            except asyncio.CancelledError:
                # Workaround for https://bugs.python.org/issue41317
                try:
                    self._loop.remove_reader(self._raw_socket)
                except (ValueError, NotImplementedError):
                    pass

                if self._closed:
                    raise ClosedResourceError from None

                raise
            finally:
                self._accept_scope = None

    client_sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    transport, protocol = await self._loop.connect_accepted_socket(
        StreamProtocol, client_sock
    )
    return SocketStream(transport, protocol)
