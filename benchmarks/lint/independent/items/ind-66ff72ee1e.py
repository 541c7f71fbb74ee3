def pytest_pycollect_after_module_import(mod):
    if rewrite_asserts is None or not hasattr(mod, "_pyc"):
        return
    # Remove our tweaked pyc to avoid subtle bugs.
    try:
        mod._pyc.remove()
    except py.error.ENOENT:
        pass
