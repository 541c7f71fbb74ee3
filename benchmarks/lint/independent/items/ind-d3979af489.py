@pytest.mark.skipif(
    not SUPPORTS_BREAKPOINT_BUILTIN, reason="Requires breakpoint() builtin"
)
def test_pdb_not_altered(self, pytester: Pytester) -> None:
    p1 = pytester.makepyfile(
        """
        import pdb
        def test_1():
            pdb.set_trace()
            assert 0
    """
    )
    child = pytester.spawn_pytest(str(p1))
    child.expect("test_1")
    child.expect("Pdb")
    child.sendline("c")
    rest = child.read().decode("utf8")
    assert "1 failed" in rest
    assert "reading from stdin while output" not in rest
    TestPDB.flush(child)
