assert TestLiveServer._test_settings_before_run is True  # type: ignore[attr-defined]
