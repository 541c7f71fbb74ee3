def test_empty_header_name(parser: Any) -> None:
    if not isinstance(parser, HttpRequestParserPy):
        pytest.xfail("Regression test for Py parser. May match C behaviour later.")
    text = b"GET /test HTTP/1.1\r\n" b":test\r\n\r\n"
    with pytest.raises(http_exceptions.BadHttpMessage):
        parser.feed_data(text)
