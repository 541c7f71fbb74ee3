def teardown_method(self, method):
    client = self.get_client_instance()
    try:
        client.disable_plugin(SSHFS, True)
    except docker.errors.APIError:
        pass

    for p in self.tmp_plugins:
        try:
            client.remove_plugin(p)
        except docker.errors.APIError:
            pass

    client.close()
