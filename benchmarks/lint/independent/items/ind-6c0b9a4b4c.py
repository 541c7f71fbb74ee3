view.methods = cls.methods  # type: ignore
