state.opts[self.dest] = value  # type: ignore
