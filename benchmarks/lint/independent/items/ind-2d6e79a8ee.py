self.wildcards = True  # type: ignore[unreachable]
