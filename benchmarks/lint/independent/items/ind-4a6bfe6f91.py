nodemanager.rsync_roots()  # type: ignore[call-arg]
