def _serialize(self, value, attr, obj):
    try:
        return self._call_or_raise(self.serialize_func, obj, attr)
    except AttributeError:  # the object is not expected to have the attribute
        pass
    return missing_
