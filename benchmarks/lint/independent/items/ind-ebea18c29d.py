TestLiveServer._test_settings_before_run = True  # type: ignore[attr-defined]
