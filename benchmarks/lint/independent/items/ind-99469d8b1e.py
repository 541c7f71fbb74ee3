res = self.authenticate_redirect()  # type: ignore
