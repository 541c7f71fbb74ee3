@pytest.mark.xfail(reason="not currently handled correctly")
def test_fixture_closure_with_complex_override_and_shared_deps(
    pytester: Pytester,
) -> None:
    """Test that shared dependencies in override chains are processed only once."""
    pytester.makeconftest(
        """
        import pytest

        @pytest.fixture
        def db(): pass

        @pytest.fixture
        def cache(): pass

        @pytest.fixture
        def settings(): pass

        @pytest.fixture
        def app(db, cache, settings): pass
        """
    )
    pytester.makepyfile(
        """
        import pytest

        # Override app, but also directly use cache and settings.
        # This creates multiple paths to the same fixtures.
        @pytest.fixture
        def app(app, cache, settings): pass

        class TestClass:
            # Another override that uses both app and cache.
            @pytest.fixture
            def app(self, app, cache): pass

            def test_shared_deps(self, request, app):
                assert request.node.fixturenames == ["request", "app", "db", "cache", "settings"]
        """
    )
    result = pytester.runpytest("-v")
    result.assert_outcomes(passed=1)
