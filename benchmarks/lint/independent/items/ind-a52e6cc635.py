def parseconfig(self, *args: str | os.PathLike[str]) -> Config:
    """Return a new pytest :class:`pytest.Config` instance from given
    commandline args.

    This invokes the pytest bootstrapping code in _pytest.config to create a
    new :py:class:`pytest.PytestPluginManager` and call the
    :hook:`pytest_cmdline_parse` hook to create a new :class:`pytest.Config`
    instance.

    If :attr:`plugins` has been populated they should be plugin modules
    to be registered with the plugin manager.
    """
    import _pytest.config

    new_args = self._ensure_basetemp(args)
    new_args = [str(x) for x in new_args]

    config = _pytest.config._prepareconfig(new_args, self.plugins)  # type: ignore[arg-type]
    # we don't know what the test will do with this half-setup config
    # object and thus we make sure it gets unconfigured properly in any
    # case (otherwise capturing could still be active, for example)
    self._request.addfinalizer(config._ensure_unconfigure)
    return config
