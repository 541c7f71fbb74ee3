@pytest.mark.xfail(
    reason="see https://github.com/aio-libs/aiohttp/issues/4630"
)
async def test_parse_chunked_payload_split_end(self, protocol) -> None:
    out = aiohttp.StreamReader(protocol, loop=None)
    p = HttpPayloadParser(out, chunked=True)
    p.feed_data(b'4\r\nasdf\r\n0\r\n')
    p.feed_data(b'\r\n')

    assert out.is_eof()
    assert b'asdf' == b''.join(out._buffer)
