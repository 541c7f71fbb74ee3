@pytest.mark.skipif(
    not SUPPORTS_BREAKPOINT_BUILTIN, reason="Requires breakpoint() builtin"
)
@pytest.mark.parametrize("arg", ["--pdb", ""])
def test_sys_breakpointhook_configure_and_unconfigure(
    self, pytester: Pytester, arg: str
) -> None:
    """
    Test that sys.breakpointhook is set to the custom Pdb class once configured, test that
    hook is reset to system value once pytest has been unconfigured
    """
    pytester.makeconftest(
        """
        import sys
        from pytest import hookimpl
        from _pytest.debugging import pytestPDB

        def pytest_configure(config):
            config.add_cleanup(check_restored)

        def check_restored():
            assert sys.breakpointhook == sys.__breakpointhook__

        def test_check():
            assert sys.breakpointhook == pytestPDB.set_trace
    """
    )
    pytester.makepyfile(
        """
        def test_nothing(): pass
    """
    )
    args = (arg,) if arg else ()
    result = pytester.runpytest_subprocess(*args)
    result.stdout.fnmatch_lines(["*1 passed in *"])
