@skipNotCPython
@unittest.skipIf(
    (3,) < sys.version_info < (3, 6), "asyncio.Future has reference cycles"
)
def test_coroutine_refcounting(self):
    # On CPython, tasks and their arguments should be released immediately
    # without waiting for garbage collection.
    @gen.coroutine
    def inner():
        class Foo:
            pass

        local_var = Foo()
        self.local_ref = weakref.ref(local_var)

        def dummy():
            pass

        yield gen.coroutine(dummy)()
        raise ValueError("Some error")

    @gen.coroutine
    def inner2():
        try:
            yield inner()
        except ValueError:
            pass

    self.io_loop.run_sync(inner2, timeout=3)

    self.assertIsNone(self.local_ref())
    self.finished = True
