@pytest.mark.xfail(reason="fijal needs add checks")
def test_trial_error(self, testdir):
    testdir.makepyfile("""
        from twisted.trial.unittest import TestCase
        from twisted.internet.defer import Deferred
        from twisted.internet import reactor

        class TC(TestCase):
            def test_one(self):
                crash

            def test_two(self):
                def f(_):
                    crash

                d = Deferred()
                d.addCallback(f)
                reactor.callLater(0.3, d.callback, None)
                return d

            def test_three(self):
                def f():
                    pass # will never get called
                reactor.callLater(0.3, f)
            # will crash at teardown

            def test_four(self):
                def f(_):
                    reactor.callLater(0.3, f)
                    crash

                d = Deferred()
                d.addCallback(f)
                reactor.callLater(0.3, d.callback, None)
                return d
            # will crash both at test time and at teardown
    """)
    result = testdir.runpytest()
    assert 0
