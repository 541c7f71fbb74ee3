@pytest.mark.skipif(PY2, reason="pathlib is not available in Python 2")
def test_path_as_pathlib(self, prefix_loader):
    self.compile_down(prefix_loader)

    mod_path = self.mod_env.loader.module.__path__[0]

    import pathlib

    mod_loader = loaders.ModuleLoader(pathlib.Path(mod_path))
    self.mod_env = Environment(loader=mod_loader)

    self._test_common()
