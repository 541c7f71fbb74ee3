def test_exec_command_string(self):
    if not helpers.exec_driver_is_native():
        pytest.skip('Exec driver not native')

    container = self.client.create_container(BUSYBOX, 'cat',
                                             detach=True, stdin_open=True)
    id = container['Id']
    self.client.start(id)
    self.tmp_containers.append(id)

    res = self.client.exec_create(id, 'echo hello world')
    self.assertIn('Id', res)

    exec_log = self.client.exec_start(res)
    self.assertEqual(exec_log, b'hello world\n')
