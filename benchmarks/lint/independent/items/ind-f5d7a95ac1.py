@classmethod
def setUpClass(cls):
    modname = cls.modname
    if modname.endswith(PLATFORM_SPECIFIC_SUFFIXES):
        raise unittest.SkipTest("Module %s is platform specific" % modname)


    with warnings.catch_warnings():
        warnings.simplefilter('ignore', DeprecationWarning)
        try:
            cls.module = importlib.import_module(modname)
        except ImportError:
            if modname in modules.OPTIONAL_MODULES:
                msg = "Unable to import %s" % modname
                raise unittest.SkipTest(msg)
            raise

    cls.__implements__ = getattr(cls.module, '__implements__', None)
    cls.__imports__ = getattr(cls.module, '__imports__', [])
    cls.__extensions__ = getattr(cls.module, '__extensions__', [])

    cls.stdlib_name = MAPPING.get(modname)

    if cls.stdlib_name is not None:
        try:
            cls.stdlib_module = __import__(cls.stdlib_name)
        except ImportError:
            pass
        else:
            cls.stdlib_has_all = True
            cls.stdlib_all = getattr(cls.stdlib_module, '__all__', None)
            if cls.stdlib_all is None:
                cls.stdlib_has_all = False
                cls.stdlib_all = [
                    name
                    for name in dir(cls.stdlib_module)
                    if not name.startswith('_')
                    and not isinstance(getattr(cls.stdlib_module, name), types.ModuleType)
                ]
