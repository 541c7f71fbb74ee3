self.result_future = None  # type: ignore
