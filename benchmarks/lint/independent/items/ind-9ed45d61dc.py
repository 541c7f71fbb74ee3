endpoint = _endpoint_from_view_func(view_func)  # type: ignore
