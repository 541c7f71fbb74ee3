@pytest.mark.parametrize(
    "target, exception_class",
    [
        pytest.param(
            "localhost",
            ExceptionGroup,
            id="multi",
            marks=[
                pytest.mark.skipif(not has_ipv6, reason="IPv6 is not available")
            ],
        ),
        pytest.param("127.0.0.1", ConnectionRefusedError, id="single"),
    ],
)
async def test_connection_refused(
    self,
    target: str,
    exception_class: type[ExceptionGroup] | type[ConnectionRefusedError],
    fake_localhost_dns: None,
) -> None:
    dummy_socket = socket.socket(AddressFamily.AF_INET6)
    dummy_socket.bind(("::", 0))
    free_port = dummy_socket.getsockname()[1]
    dummy_socket.close()

    with pytest.raises(OSError) as exc:
        await connect_tcp(target, free_port)

    assert exc.match("All connection attempts failed")
    assert isinstance(exc.value.__cause__, exception_class)
    if isinstance(exc.value.__cause__, ExceptionGroup):
        for exception in exc.value.__cause__.exceptions:
            assert isinstance(exception, ConnectionRefusedError)
