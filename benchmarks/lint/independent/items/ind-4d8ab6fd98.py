@functools.wraps(f)
def application(*args):  # type: ignore
    request = cls(args[-2])
    with request:
        try:
            resp = f(*args[:-2] + (request,))
        except HTTPException as e:
            resp = e.get_response(args[-2])
        return resp(*args[-2:])
