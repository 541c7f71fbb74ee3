def close(self, all_fds: bool = False) -> None:
    if self.is_current:
        with warnings.catch_warnings():
            # We can't get here unless the warning in make_current
            # was swallowed, so swallow the one from clear_current too.
            warnings.simplefilter("ignore", DeprecationWarning)
            self.clear_current()
    super().close(all_fds=all_fds)
