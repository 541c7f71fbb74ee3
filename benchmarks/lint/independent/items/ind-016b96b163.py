@unittest.skipIf(
    platform.python_implementation() == "PyPy",
    "pypy destructor warnings cannot be silenced",
)
@unittest.skipIf(
    # This check actually exists in 3.11 but it changed in 3.12 in a way that breaks
    # this test.
    sys.version_info >= (3, 12),
    "py312 has its own check for test case returns",
)
def test_undecorated_coroutine(self):
    class Test(AsyncTestCase):
        async def test_coro(self):
            pass

    test = Test("test_coro")
    result = unittest.TestResult()

    # Silence "RuntimeWarning: coroutine 'test_coro' was never awaited".
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        test.run(result)

    self.assertEqual(len(result.errors), 1)
    self.assertIn("should be decorated", result.errors[0][1])
