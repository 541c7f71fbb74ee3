def _run_with_mocked_interrupt(self, klass):
    runner = klass(Context())
    runner.send_interrupt = Mock()
    try:
        runner.run(_)
    except _GenericException:
        pass
    return runner
