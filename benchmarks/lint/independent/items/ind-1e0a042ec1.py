def test_cmdline_python_package(self, pytester: Pytester, monkeypatch) -> None:
    import warnings

    monkeypatch.delenv("PYTHONDONTWRITEBYTECODE", False)
    path = pytester.mkpydir("tpkg")
    path.joinpath("test_hello.py").write_text(
        "def test_hello(): pass", encoding="utf-8"
    )
    path.joinpath("test_world.py").write_text(
        "def test_world(): pass", encoding="utf-8"
    )
    result = pytester.runpytest("--pyargs", "tpkg")
    assert result.ret == 0
    result.stdout.fnmatch_lines(["*2 passed*"])
    result = pytester.runpytest("--pyargs", "tpkg.test_hello", syspathinsert=True)
    assert result.ret == 0
    result.stdout.fnmatch_lines(["*1 passed*"])

    empty_package = pytester.mkpydir("empty_package")
    monkeypatch.setenv("PYTHONPATH", str(empty_package), prepend=os.pathsep)
    # the path which is not a package raises a warning on pypy;
    # no idea why only pypy and not normal python warn about it here
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ImportWarning)
        result = pytester.runpytest("--pyargs", ".")
    assert result.ret == 0
    result.stdout.fnmatch_lines(["*2 passed*"])

    monkeypatch.setenv("PYTHONPATH", str(pytester), prepend=os.pathsep)
    result = pytester.runpytest("--pyargs", "tpkg.test_missing", syspathinsert=True)
    assert result.ret != 0
    result.stderr.fnmatch_lines(["*not*found*test_missing*"])
