def add_pre_hook(self, request: Request, results: TestResult) -> Request:
    if hasattr(self, "pre_process"):
        cb = request.callback
        assert cb is not None

        @wraps(cb)
        def wrapper(response: Response, **cb_kwargs: Any) -> list[Any]:
            try:
                results.startTest(self.testcase_pre)
                self.pre_process(response)
                results.stopTest(self.testcase_pre)
            except AssertionError:
                results.addFailure(self.testcase_pre, sys.exc_info())
            except Exception:
                results.addError(self.testcase_pre, sys.exc_info())
            else:
                results.addSuccess(self.testcase_pre)
            cb_result = cb(response, **cb_kwargs)
            if isinstance(cb_result, (AsyncGenerator, CoroutineType)):
                if isinstance(cb_result, CoroutineType):
                    cb_result.close()
                raise TypeError("Contracts don't support async callbacks")
            return list(cast("Iterable[Any]", iterate_spider_output(cb_result)))

        request.callback = wrapper

    return request
