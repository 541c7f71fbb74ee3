@pytest.mark.xfail(
    IS_WINDOWS_PLATFORM, reason='Test not designed for Windows platform'
)
def test_create_with_binds_ro(self):
    self.run_with_volume(
        False,
        BUSYBOX,
        ['touch', os.path.join(self.mount_dest, self.filename)],
    )
    container = self.run_with_volume(
        True,
        BUSYBOX,
        ['ls', self.mount_dest],
    )
    logs = self.client.logs(container)

    if six.PY3:
        logs = logs.decode('utf-8')
    assert self.filename in logs

    inspect_data = self.client.inspect_container(container)
    self.check_container_data(inspect_data, False)
