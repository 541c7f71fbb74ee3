@pytest.mark.skipif(
    parse_version(pytest.__version__) < parse_version("5"),
    reason="Only available in pytest 5.0+",
)
def test_config_initialization(testdir, monkeypatch, pytestconfig):
    """Ensure workers and master are initialized consistently. Integration test for #445"""
    testdir.makepyfile(
        **{
            "dir_a/test_foo.py": """
                def test_1(request):
                    assert request.config.option.verbose == 2
        """
        }
    )
    testdir.makefile(
        ".ini",
        myconfig="""
        [pytest]
        testpaths=dir_a
    """,
    )
    monkeypatch.setenv("PYTEST_ADDOPTS", "-v")
    result = testdir.runpytest("-n2", "-c", "myconfig.ini", "-v")
    result.stdout.fnmatch_lines(["dir_a/test_foo.py::test_1*", "*= 1 passed in *"])
    assert result.ret == 0
