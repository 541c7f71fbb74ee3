def test_stop_not_in_stoppable_state_error(self):
    options = DummyOptions()
    config = DummyPConfig(options, 'test', '/test')
    instance = self._makeOne(config)
    instance.pid = 11
    dispatcher = DummyDispatcher(writable=True)
    instance.dispatchers = {'foo':dispatcher}
    from supervisor.states import ProcessStates
    instance.state = ProcessStates.STOPPED
    try:
        instance.stop()
        self.fail('nothing raised')
    except AssertionError as exc:
        self.assertEqual(exc.args[0], 'Assertion failed for test: '
            'STOPPED not in RUNNING STARTING STOPPING')
