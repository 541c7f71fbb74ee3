await stream.receive_fds(msglen, 0)  # type: ignore[arg-type]
