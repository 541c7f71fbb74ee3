def _auto_num_workers_psutil(config: pytest.Config) -> int | None:
    try:
        import psutil
    except ImportError:
        return None
    else:
        use_logical: bool = config.option.numprocesses == "logical"
        count = psutil.cpu_count(logical=use_logical) or psutil.cpu_count()
        if count:
            return count
        return None
