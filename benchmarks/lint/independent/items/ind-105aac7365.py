def _deserialize(self, value, attr, data):
    if self.deserialize_method_name:
        try:
            method = utils.callable_or_raise(
                getattr(self.parent, self.deserialize_method_name, None)
            )
            return method(value)
        except AttributeError:
            pass
    return value
