@pytest.mark.xfail(
    'sys.platform == "Darwin" '
    'and sys.version_info > (3, 7) '
    'and os.environ["TRAVIS"]',
    reason='https://github.com/cherrypy/cherrypy/issues/1693',
)
def test_4_Autoreload(self):
    # If test_3 has not been executed, the server won't be stopped,
    # so we'll have to do it.
    if engine.state != engine.states.EXITING:
        engine.exit()

    # Start the demo script in a new process
    p = helper.CPProcess(ssl=(self.scheme.lower() == 'https'))
    p.write_conf(extra='test_case_name: "test_4_Autoreload"')
    p.start(imports='cherrypy.test._test_states_demo')
    try:
        self.getPage('/start')
        start = float(self.body)

        # Give the autoreloader time to cache the file time.
        time.sleep(2)

        # Touch the file
        os.utime(os.path.join(thisdir, '_test_states_demo.py'), None)

        # Give the autoreloader time to re-exec the process
        time.sleep(2)
        host = cherrypy.server.socket_host
        port = cherrypy.server.socket_port
        portend.occupied(host, port, timeout=5)

        self.getPage('/start')
        if not (float(self.body) > start):
            raise AssertionError(
                'start time %s not greater than %s'
                % (float(self.body), start),
            )
    finally:
        # Shut down the spawned process
        self.getPage('/exit')
    p.join()
