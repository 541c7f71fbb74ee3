@pytest.mark.skipif(PY2, reason="pathlib is not available in Python 2")
def test_searchpath_as_pathlib(self):
    import pathlib

    searchpath = pathlib.Path(self.searchpath)

    filesystem_loader = loaders.FileSystemLoader(searchpath)

    env = Environment(loader=filesystem_loader)
    self._test_common(env)
