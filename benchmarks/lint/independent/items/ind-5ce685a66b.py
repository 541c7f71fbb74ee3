def exit(self):
    """Stop all services and prepare to exit the process."""
    exitstate = self.state
    EX_SOFTWARE = 70
    try:
        self.stop()

        self.state = states.EXITING
        self.log('Bus EXITING')
        self.publish('exit')
        # This isn't strictly necessary, but it's better than seeing
        # "Waiting for child threads to terminate..." and then nothing.
        self.log('Bus EXITED')
    except Exception:
        # This method is often called asynchronously (whether thread,
        # signal handler, console handler, or atexit handler), so we
        # can't just let exceptions propagate out unhandled.
        # Assume it's been logged and just die.
        os._exit(EX_SOFTWARE)

    if exitstate == states.STARTING:
        # exit() was called before start() finished, possibly due to
        # Ctrl-C because a start listener got stuck. In this case,
        # we could get stuck in a loop where Ctrl-C never exits the
        # process, so we just call os.exit here.
        os._exit(EX_SOFTWARE)
