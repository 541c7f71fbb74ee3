def test_route_decorator_custom_endpoint_with_dots(app, client):
    bp = flask.Blueprint("bp", __name__)

    @bp.route("/foo")
    def foo():
        return flask.request.endpoint

    try:

        @bp.route("/bar", endpoint="bar.bar")
        def foo_bar():
            return flask.request.endpoint

    except AssertionError:
        pass
    else:
        raise AssertionError("expected AssertionError not raised")

    try:

        @bp.route("/bar/123", endpoint="bar.123")
        def foo_bar_foo():
            return flask.request.endpoint

    except AssertionError:
        pass
    else:
        raise AssertionError("expected AssertionError not raised")

    def foo_foo_foo():
        pass

    pytest.raises(
        AssertionError,
        lambda: bp.add_url_rule("/bar/123", endpoint="bar.123", view_func=foo_foo_foo),
    )

    pytest.raises(
        AssertionError, bp.route("/bar/123", endpoint="bar.123"), lambda: None
    )

    foo_foo_foo.__name__ = "bar.123"

    pytest.raises(
        AssertionError, lambda: bp.add_url_rule("/bar/123", view_func=foo_foo_foo)
    )

    bp.add_url_rule(
        "/bar/456", endpoint="foofoofoo", view_func=functools.partial(foo_foo_foo)
    )

    app.register_blueprint(bp, url_prefix="/py")

    assert client.get("/py/foo").data == b"bp.foo"
    # The rule's didn't actually made it through
    rv = client.get("/py/bar")
    assert rv.status_code == 404
    rv = client.get("/py/bar/123")
    assert rv.status_code == 404
