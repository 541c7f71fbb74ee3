def lookup_path(self, path: str) -> tuple[str, os.stat_result | None]:
    for directory in self.all_directories:
        joined_path = os.path.join(directory, path)
        if self.follow_symlink:
            full_path = os.path.abspath(joined_path)
            directory = os.path.abspath(directory)
        else:
            full_path = os.path.realpath(joined_path)
            directory = os.path.realpath(directory)
        if os.path.commonpath([full_path, directory]) != str(directory):
            # Don't allow misbehaving clients to break out of the static files directory.
            continue
        try:
            return full_path, os.stat(full_path)
        except (FileNotFoundError, NotADirectoryError):
            continue
    return "", None
