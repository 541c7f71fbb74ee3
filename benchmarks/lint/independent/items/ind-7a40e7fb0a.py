@classmethod
def _file_for_file_module(cls, module):
    """Return the file for the module."""
    try:
        return module.__file__ and cls._make_absolute(module.__file__)
    except AttributeError:
        pass
