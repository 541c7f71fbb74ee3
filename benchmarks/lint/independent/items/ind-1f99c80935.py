@greentest.skipIf(
    not(hasattr(sys, 'getcheckinterval')),
    "Needs sys.getcheckinterval"
)
def test_enumerate_after_join(self):
    # Try hard to trigger #1703448: a thread is still returned in
    # threading.enumerate() after it has been join()ed.
    enum = threading.enumerate
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter('ignore', DeprecationWarning)
        # get/set checkinterval are deprecated in Python 3,
        # and removed in Python 3.9
        old_interval = sys.getcheckinterval() # pylint:disable=no-member
        try:
            for i in range(1, 100):
                # Try a couple times at each thread-switching interval
                # to get more interleavings.
                sys.setcheckinterval(i // 5) # pylint:disable=no-member
                t = threading.Thread(target=lambda: None)
                t.start()
                t.join()
                l = enum()
                self.assertFalse(t in l,
                                 "#1703448 triggered after %d trials: %s" % (i, l))
        finally:
            sys.setcheckinterval(old_interval) # pylint:disable=no-member
