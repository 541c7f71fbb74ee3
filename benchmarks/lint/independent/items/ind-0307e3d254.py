@enable_ki_protection
async def send(self, value: SendType) -> None:
    """See `SendChannel.send <trio.abc.SendChannel.send>`.

    Memory channels allow multiple tasks to call `send` at the same time.

    """
    await trio.lowlevel.checkpoint_if_cancelled()
    try:
        self.send_nowait(value)
    except trio.WouldBlock:
        pass
    else:
        await trio.lowlevel.cancel_shielded_checkpoint()
        return

    task = trio.lowlevel.current_task()
    self._tasks.add(task)
    self._state.send_tasks[task] = value
    task.custom_sleep_data = self

    def abort_fn(_: RaiseCancelT) -> Abort:
        self._tasks.remove(task)
        del self._state.send_tasks[task]
        return trio.lowlevel.Abort.SUCCEEDED

    await trio.lowlevel.wait_task_rescheduled(abort_fn)
