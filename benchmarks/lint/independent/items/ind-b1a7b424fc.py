@pytest.mark.skipif(
    sys.version_info[:2] == (3, 9) and sys.platform.startswith("win"),
    reason="#9298",
)
def test_sys_pycache_prefix_integration(
    self, tmp_path, monkeypatch, pytester: Pytester
) -> None:
    """Integration test for sys.pycache_prefix (#4730)."""
    pycache_prefix = tmp_path / "my/pycs"
    monkeypatch.setattr(sys, "pycache_prefix", str(pycache_prefix))
    monkeypatch.setattr(sys, "dont_write_bytecode", False)

    pytester.makepyfile(
        **{
            "src/test_foo.py": """
            import bar
            def test_foo():
                pass
        """,
            "src/bar/__init__.py": "",
        }
    )
    result = pytester.runpytest()
    assert result.ret == 0

    test_foo = pytester.path.joinpath("src/test_foo.py")
    bar_init = pytester.path.joinpath("src/bar/__init__.py")
    assert test_foo.is_file()
    assert bar_init.is_file()

    # test file: rewritten, custom pytest cache tag
    test_foo_pyc = get_cache_dir(test_foo) / ("test_foo" + PYC_TAIL)
    assert test_foo_pyc.is_file()

    # normal file: not touched by pytest, normal cache tag
    bar_init_pyc = (
        get_cache_dir(bar_init) / f"__init__.{sys.implementation.cache_tag}.pyc"
    )
    assert bar_init_pyc.is_file()
