return super().__call__(*args, **kwargs)  # type: ignore
