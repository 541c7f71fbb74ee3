def shutdown(
    self,
    save: bool = False,
    nosave: bool = False,
    now: bool = False,
    force: bool = False,
    abort: bool = False,
    **kwargs,
) -> None:
    """Shutdown the Redis server.  If Redis has persistence configured,
    data will be flushed before shutdown.
    It is possible to specify modifiers to alter the behavior of the command:
    ``save`` will force a DB saving operation even if no save points are configured.
    ``nosave`` will prevent a DB saving operation even if one or more save points
    are configured.
    ``now`` skips waiting for lagging replicas, i.e. it bypasses the first step in
    the shutdown sequence.
    ``force`` ignores any errors that would normally prevent the server from exiting
    ``abort`` cancels an ongoing shutdown and cannot be combined with other flags.

    For more information, see https://redis.io/commands/shutdown
    """
    if save and nosave:
        raise DataError("SHUTDOWN save and nosave cannot both be set")
    args = ["SHUTDOWN"]
    if save:
        args.append("SAVE")
    if nosave:
        args.append("NOSAVE")
    if now:
        args.append("NOW")
    if force:
        args.append("FORCE")
    if abort:
        args.append("ABORT")
    try:
        self.execute_command(*args, **kwargs)
    except ConnectionError:
        # a ConnectionError here is expected
        return
    raise RedisError("SHUTDOWN seems to have failed.")
