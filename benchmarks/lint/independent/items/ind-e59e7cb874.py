def create(self):
    root, name = os.path.split(self.original)
    for candidate in self._generate_names(name):
        path = os.path.join(root, candidate)
        try:
            os.mkdir(path)
        except OSError:
            pass
        else:
            self.path = os.path.realpath(path)
            break

    if not self.path:
        # Final fallback on the default behavior.
        self.path = os.path.realpath(
            tempfile.mkdtemp(prefix="pip-{}-".format(self.kind))
        )
    logger.debug("Created temporary directory: {}".format(self.path))
