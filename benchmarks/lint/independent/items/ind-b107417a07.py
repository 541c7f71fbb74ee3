async def send_signal(self, signum: int) -> None:
    """Sends a signal to the process group of the kernel (this
    usually includes the kernel and any subprocesses spawned by
    the kernel).

    Note that since only SIGTERM is supported on Windows, we will
    check if the desired signal is for interrupt and apply the
    applicable code on Windows in that case.
    """
    if self.process:
        if signum == signal.SIGINT and sys.platform == 'win32':
            from ..win_interrupt import send_interrupt

            send_interrupt(self.process.win32_interrupt_event)
            return

        # Prefer process-group over process
        if self.pgid and hasattr(os, "killpg"):
            try:
                os.killpg(self.pgid, signum)
                return
            except OSError:
                pass
        try:
            self.process.send_signal(signum)
        except OSError:
            pass
        return
