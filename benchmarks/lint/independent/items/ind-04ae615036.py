def read(self, filenames):
    from coverage.optional import toml
    if toml is None:
        raise RuntimeError('toml module is not installed.')

    if isinstance(filenames, path_types):
        filenames = [filenames]
    read_ok = []
    for filename in filenames:
        try:
            with io.open(filename, encoding='utf-8') as fp:
                toml_data = fp.read()
                toml_data = substitute_variables(toml_data, os.environ)
                self._data.append(toml.loads(toml_data))
        except IOError:
            continue
        except toml.TomlDecodeError as err:
            raise TomlDecodeError(*err.args)
        if env.PYVERSION >= (3, 6):
            filename = os.fspath(filename)
        read_ok.append(filename)
    return read_ok
