def test_add_route_no_view_with_view_attr(self):
    config = self._makeOne(autocommit=True)
    from pyramid.exceptions import ConfigurationError

    try:
        config.add_route('name', '/pattern', view_attr='abc')
    except ConfigurationError:
        pass
    else:  # pragma: no cover
        raise AssertionError
