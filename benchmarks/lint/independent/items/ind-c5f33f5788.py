def fdel(request):
    """Delete the corresponding key from the request environ."""
    try:
        del request.environ[ENVIRON_KEY]
    except KeyError:
        pass
