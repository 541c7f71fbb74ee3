# Other fragments.
# https://github.com/python/mypy/issues/5738
# coverage reports this code as not covered, but it is
# exercised by tests - changing it breaks the tests!
async for fragment in aiter_message:  # type: ignore  # pragma: no cover  # noqa
    confirm_opcode, data = prepare_data(fragment)
    if confirm_opcode != opcode:
        raise TypeError("data contains inconsistent types")
    await self.write_frame(False, OP_CONT, data)
