def test_exec_command_as_user(self):
    if not helpers.exec_driver_is_native():
        pytest.skip('Exec driver not native')

    container = self.client.create_container(BUSYBOX, 'cat',
                                             detach=True, stdin_open=True)
    id = container['Id']
    self.client.start(id)
    self.tmp_containers.append(id)

    res = self.client.exec_create(id, 'whoami', user='default')
    self.assertIn('Id', res)

    exec_log = self.client.exec_start(res)
    self.assertEqual(exec_log, b'default\n')
