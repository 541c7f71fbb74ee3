@app.teardown_request
def teardown_request1(exc):
    assert type(exc) is ZeroDivisionError
    called.append(True)
    # This raises a new error and blows away sys.exc_info(), so we can
    # test that all teardown_requests get passed the same original
    # exception.
    try:
        raise TypeError()
    except Exception:
        pass
