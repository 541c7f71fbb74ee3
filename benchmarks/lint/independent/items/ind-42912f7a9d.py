@pytest.mark.skipif(
    not hasattr(py.path.local, "mksymlinkto"),
    reason="symlink not available on this platform",
)
def test_collect_symlink_file_arg(testdir):
    """Test that collecting a direct symlink, where the target does not match python_files works (#4325)."""
    real = testdir.makepyfile(
        real="""
        def test_nodeid(request):
            assert request.node.nodeid == "real.py::test_nodeid"
        """
    )
    symlink = testdir.tmpdir.join("symlink.py")
    symlink.mksymlinkto(real)
    result = testdir.runpytest("-v", symlink)
    result.stdout.fnmatch_lines(["real.py::test_nodeid PASSED*", "*1 passed in*"])
    assert result.ret == 0
