def remove(self) -> None:
    logger.verbose("Removing pth entries from %s:", self.file)

    # If the file doesn't exist, log a warning and return
    if not os.path.isfile(self.file):
        logger.warning("Cannot remove entries from nonexistent file %s", self.file)
        return
    with open(self.file, "rb") as fh:
        # windows uses '\r\n' with py3k, but uses '\n' with py2.x
        lines = fh.readlines()
        self._saved_lines = lines
    if any(b"\r\n" in line for line in lines):
        endline = "\r\n"
    else:
        endline = "\n"
    # handle missing trailing newline
    if lines and not lines[-1].endswith(endline.encode("utf-8")):
        lines[-1] = lines[-1] + endline.encode("utf-8")
    for entry in self.entries:
        try:
            logger.verbose("Removing entry: %s", entry)
            lines.remove((entry + endline).encode("utf-8"))
        except ValueError:
            pass
    with open(self.file, "wb") as fh:
        fh.writelines(lines)
