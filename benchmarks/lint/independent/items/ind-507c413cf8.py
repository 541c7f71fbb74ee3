@pytest.mark.parametrize(
    "family",
    [
        pytest.param(AddressFamily.AF_INET, id="ipv4"),
        pytest.param(
            AddressFamily.AF_INET6,
            id="ipv6",
            marks=[pytest.mark.skipif(not has_ipv6, reason="no IPv6 support")],
        ),
        pytest.param(
            socket.AF_UNSPEC,
            id="both",
            marks=[pytest.mark.skipif(not has_ipv6, reason="no IPv6 support")],
        ),
    ],
)
async def test_accept(self, family: AnyIPAddressFamily) -> None:
    async with await create_tcp_listener(
        local_host="localhost", family=family
    ) as multi:
        for listener in multi.listeners:
            client = socket.socket(listener.extra(SocketAttribute.family))
            client.settimeout(1)
            client.connect(listener.extra(SocketAttribute.local_address))
            assert isinstance(listener, SocketListener)
            stream = await listener.accept()
            client.sendall(b"blah")
            request = await stream.receive()
            await stream.send(request[::-1])
            assert client.recv(100) == b"halb"
            client.close()
            await stream.aclose()
