def worker_internal_error(
    self, node: WorkerController, formatted_error: str
) -> None:
    """
    pytest_internalerror() was called on the worker.

    pytest_internalerror() arguments are an excinfo and an excrepr, which can't
    be serialized, so we go with a poor man's solution of raising an exception
    here ourselves using the formatted message.
    """
    self._active_nodes.remove(node)
    try:
        assert False, formatted_error
    except AssertionError:
        excinfo = pytest.ExceptionInfo.from_current()
        excrepr = excinfo.getrepr()
        self.config.hook.pytest_internalerror(excrepr=excrepr, excinfo=excinfo)
