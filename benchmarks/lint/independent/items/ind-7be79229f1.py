def test_parse_header_no_cr_in_headerplus(self):
    data = b"GET /foobar HTTP/8.4"

    try:
        self.parser.parse_header(data)
    except ParsingError:
        pass
    else:  # pragma: nocover
        self.assertTrue(False)
