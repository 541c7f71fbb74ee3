@pytest.mark.xfail(
    IS_WINDOWS_PLATFORM, reason='Test not designed for Windows platform'
)
@requires_api_version('1.30')
def test_create_with_mounts(self):
    mount = docker.types.Mount(
        type="bind", source=self.mount_origin, target=self.mount_dest
    )
    host_config = self.client.create_host_config(mounts=[mount])
    container = self.run_container(
        BUSYBOX, ['ls', self.mount_dest],
        host_config=host_config
    )
    assert container
    logs = self.client.logs(container)
    if six.PY3:
        logs = logs.decode('utf-8')
    assert self.filename in logs
    inspect_data = self.client.inspect_container(container)
    self.check_container_data(inspect_data, True)
