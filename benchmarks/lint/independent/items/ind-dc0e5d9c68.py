@pytest.mark.xfail(
    reason="Flow control is currently broken on master branch; see #9685"
)
def test_flow_control_binary(
    protocol: BaseProtocol,
    out_low_limit: aiohttp.FlowControlDataQueue[WSMessage],
    parser_low_limit: WebSocketReader,
) -> None:
    large_payload = b"b" * (1 + 16 * 2)
    with mock.patch.object(parser_low_limit, "parse_frame", autospec=True) as m:
        m.return_value = [(1, WSMsgType.BINARY, large_payload, False)]

        parser_low_limit.feed_data(b"")

    res = out_low_limit._buffer[0]
    assert res == WSMessageBinary(data=large_payload, extra="")
    assert protocol._reading_paused is True
