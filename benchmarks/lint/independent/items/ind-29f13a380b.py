@pytest.mark.skipif(
    not _ENVIRON_PYTHONBREAKPOINT == "",
    reason="Requires breakpoint() default value",
)
def test_sys_breakpoint_interception(self, pytester: Pytester) -> None:
    p1 = pytester.makepyfile(
        """
        def test_1():
            breakpoint()
    """
    )
    child = pytester.spawn_pytest(str(p1))
    child.expect("test_1")
    child.expect("Pdb")
    child.sendline("quit")
    rest = child.read().decode("utf8")
    assert "Quitting debugger" in rest
    assert "reading from stdin while output" not in rest
    TestPDB.flush(child)
