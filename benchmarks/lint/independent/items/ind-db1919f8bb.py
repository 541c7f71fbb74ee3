if tracing_code is None:
    filename = code.co_filename
    disp = self.should_trace_cache.get(filename)
    if disp is None:
        frame = inspect.currentframe().f_back  # type: ignore[union-attr]
        if LOG:
            # @panopticon adds a frame.
            frame = frame.f_back  # type: ignore[union-attr]
        disp = self.should_trace(filename, frame)  # type: ignore[arg-type]
