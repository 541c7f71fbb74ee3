@pytest.mark.parametrize(
    "prefix, source, expected",
    [
        ("c:/tmp/pycs", "d:/projects/src/foo.py", "c:/tmp/pycs/projects/src"),
        (None, "d:/projects/src/foo.py", "d:/projects/src/__pycache__"),
        ("/tmp/pycs", "/home/projects/src/foo.py", "/tmp/pycs/home/projects/src"),
        (None, "/home/projects/src/foo.py", "/home/projects/src/__pycache__"),
    ],
)
def test_get_cache_dir(self, monkeypatch, prefix, source, expected) -> None:
    monkeypatch.delenv("PYTHONPYCACHEPREFIX", raising=False)

    if prefix is not None and sys.version_info < (3, 8):
        pytest.skip("pycache_prefix not available in py<38")
    monkeypatch.setattr(sys, "pycache_prefix", prefix, raising=False)

    assert get_cache_dir(Path(source)) == Path(expected)
