async def aclose(self) -> None:
    # Needed on Windows + Python < 3.8
    try:
        self._loop.remove_reader(self._raw_socket)
    except NotImplementedError:
        pass

    self._raw_socket.close()
