@pytest.mark.xfail(
    reason="Flow control is currently broken on master branch; see #9685"
)
def test_flow_control_multi_byte_text(
    protocol: BaseProtocol,
    out_low_limit: aiohttp.FlowControlDataQueue[WSMessage],
    parser_low_limit: WebSocketReader,
) -> None:
    large_payload_text = "𒀁" * (1 + 16 * 2)
    large_payload = large_payload_text.encode("utf-8")

    with mock.patch.object(parser_low_limit, "parse_frame", autospec=True) as m:
        m.return_value = [(1, WSMsgType.TEXT, large_payload, False)]

        parser_low_limit.feed_data(b"")

    res = out_low_limit._buffer[0]
    assert res == WSMessageText(data=large_payload_text, extra="")
    assert protocol._reading_paused is True
