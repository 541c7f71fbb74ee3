def clear(self) -> None:
    # imported lazily here because google app-engine doesn't support
    # write access on the file system and the function does not exist
    # normally.
    from os import remove

    files = fnmatch.filter(os.listdir(self.directory), self.pattern % ("*",))
    for filename in files:
        try:
            remove(os.path.join(self.directory, filename))
        except OSError:
            pass
