@pytest.mark.skipif(sys.platform.startswith("win"), reason="no chmod on windows")
@pytest.mark.filterwarnings(
    "ignore:could not create cache path:pytest.PytestWarning"
)
def test_cache_writefail_permissions(self, pytester: Pytester) -> None:
    pytester.makeini("[pytest]")
    cache_dir = pytester.path.joinpath(".pytest_cache")
    cache_dir.mkdir()
    mode = cache_dir.stat().st_mode
    cache_dir.chmod(0)
    try:
        config = pytester.parseconfigure()
        cache = config.cache
        assert cache is not None
        cache.set("test/broken", [])
    finally:
        cache_dir.chmod(mode)
