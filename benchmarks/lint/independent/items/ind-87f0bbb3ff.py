start_response(status, headers, sys.exc_info())  # type: ignore[arg-type]
