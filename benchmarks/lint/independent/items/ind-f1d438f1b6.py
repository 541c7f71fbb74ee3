if disp is None:
    frame = inspect.currentframe().f_back  # type: ignore[union-attr]
    if LOG:
        # @panopticon adds a frame.
        frame = frame.f_back  # type: ignore[union-attr]
    disp = self.should_trace(filename, frame)  # type: ignore[arg-type]
    self.should_trace_cache[filename] = disp

tracing_code = disp.trace
