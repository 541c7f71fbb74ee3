@functools.wraps(f)
def wrapped(self, *args, **kwargs):
    if not self.client.info()['ExperimentalBuild']:
        pytest.skip('Feature requires Docker Engine experimental mode')
    return f(self, *args, **kwargs)
