def should_restart(self) -> list[Path] | None:
    self.pause()

    for file in self.iter_py_files():
        try:
            mtime = file.stat().st_mtime
        except OSError:  # pragma: nocover
            continue

        old_time = self.mtimes.get(file)
        if old_time is None:
            self.mtimes[file] = mtime
            continue
        elif mtime > old_time:
            return [file]
    return None
