@pytest.mark.skipif(
    watchdog_version < "5",
    reason="'closed no write' event introduced in watchdog 5.0",
)
@patch.object(WatchdogReloaderLoop, "trigger_reload")
def test_watchdog_reloader_ignores_closed_no_write(mock_trigger_reload: Mock) -> None:
    from watchdog.events import EVENT_TYPE_CLOSED_NO_WRITE
    from watchdog.events import EVENT_TYPE_MODIFIED
    from watchdog.events import FileModifiedEvent

    reloader = WatchdogReloaderLoop()
    modified_event = FileModifiedEvent("fake.py")
    modified_event.event_type = EVENT_TYPE_MODIFIED
    reloader.event_handler.dispatch(modified_event)
    mock_trigger_reload.assert_called_once()

    mock_trigger_reload.reset_mock()
    opened_event = FileModifiedEvent("fake.py")
    opened_event.event_type = EVENT_TYPE_CLOSED_NO_WRITE
    reloader.event_handler.dispatch(opened_event)
    mock_trigger_reload.assert_not_called()
