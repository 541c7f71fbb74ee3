@pytest.mark.issue246
@pytest.mark.xfail(reason="per-arg finalization does not respect order")
@pytest.mark.parametrize("scope", ["function", "module"])
def test_finalizer_order_on_parametrization(self, scope, testdir):
    testdir.makepyfile("""
        import pytest
        l = []

        @pytest.fixture(scope=%(scope)r, params=["1"])
        def fix1(request):
            return request.param

        @pytest.fixture(scope=%(scope)r)
        def fix2(request, base):
            def cleanup_fix2():
                assert not l, "base should not have been finalized"
            request.addfinalizer(cleanup_fix2)

        @pytest.fixture(scope=%(scope)r)
        def base(request, fix1):
            def cleanup_base():
                l.append("fin_base")
            request.addfinalizer(cleanup_base)

        def test_baz(base, fix2):
            pass
    """ % {"scope": scope})
    reprec = testdir.inline_run()
    reprec.assertoutcome(passed=1)
    l = reprec.getcall("pytest_runtest_call").item.module.l
    assert l == ["test", "fin_fix2", "fin_fix3"]
