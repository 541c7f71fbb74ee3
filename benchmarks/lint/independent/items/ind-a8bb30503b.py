def wrapper(fn: _Test) -> _Test:
    try:
        subprocess.check_output(check_cmd)
    except (OSError, subprocess.CalledProcessError):
        return pytest.mark.skip(reason=f"{name} is not available")(fn)
    return fn
