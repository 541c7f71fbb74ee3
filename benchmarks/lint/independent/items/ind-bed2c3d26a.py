def tearDown(self):
    try:
        if self._unlock_key:
            self.client.unlock_swarm(self._unlock_key)
    except docker.errors.APIError:
        pass
    force_leave_swarm(self.client)
    super().tearDown()
