async def send_raw_command(pickled_cmd: bytes) -> object:
    try:
        await stdin.send(pickled_cmd)
        response = await buffered.receive_until(b"\n", 50)
        status, length = response.split(b" ")
        if status not in (b"RETURN", b"EXCEPTION"):
            raise RuntimeError(
                f"Worker process returned unexpected response: {response!r}"
            )

        pickled_response = await buffered.receive_exactly(int(length))
    except BaseException as exc:
        workers.discard(process)
        try:
            process.kill()
            with CancelScope(shield=True):
                await process.aclose()
        except ProcessLookupError:
            pass

        if isinstance(exc, get_cancelled_exc_class()):
            raise
        else:
            raise BrokenWorkerProcess from exc

    retval = pickle.loads(pickled_response)
    if status == b"EXCEPTION":
        assert isinstance(retval, BaseException)
        raise retval
    else:
        return retval
