def test_all_formula(self):
    self.skipIfNoAll()
    # Check __all__ = __implements__ + __extensions__ + __imported__
    # This is disabled because it was previously being skipped entirely
    # back when we had to call things manually. In that time, it drifted
    # out of sync. It should be enabled again and problems corrected.
    all_calculated = (
        tuple(self.__implements__ or ())
        + tuple(self.__imports__  or ())
        + tuple(self.__extensions__ or ())
    )
    try:
        self.assertEqual(sorted(all_calculated),
                         sorted(self.module.__all__))
    except AssertionError:
        self.skipTest("Module %s fails the all formula; fix it" % self.modname)
    except TypeError:
        # TypeError: '<' not supported between instances of 'type' and 'str'
        raise AssertionError(
            "Unable to sort %r from all %s in %s" % (
                all_calculated, self.module.__all__, self.module
            )
        )
