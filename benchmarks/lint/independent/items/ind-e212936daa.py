def __call__(self, value: typing.Any) -> typing.Any:
    try:
        if value in self.iterable:
            raise ValidationError(self._format_error(value))
    except TypeError:
        pass

    return value
