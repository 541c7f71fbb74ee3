self.jar.extract_cookies(urllib_response, urllib_request)  # type: ignore
