@pytest.mark.xfail(
    raises=AttributeError,
    reason="Regression in v3.7: https://github.com/aio-libs/aiohttp/issues/5657",
)
def test_unicode_text_body_unauthorized() -> None:
    """
    Test that HTTPUnauthorized can be initialized with a string.
    """
    with pytest.warns(
        DeprecationWarning, match="body argument is deprecated for http web exceptions"
    ):
        resp = web.HTTPUnauthorized(body="text")
    assert resp.status == 401
    assert resp.text == "text"
