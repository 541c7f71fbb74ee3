@secure_proxy_xfail_under_py310_linux(raises=ClientProxyConnectionError)
@pytest.mark.parametrize(
    "web_server_endpoint_type",
    (
        "http",
        pytest.param(
            "https",
            marks=pytest.mark.xfail(
                not PY_37,
                raises=RuntimeError,
                reason="`asyncio.loop.start_tls()` is only implemeneted in Python 3.7",
            ),
        ),
    ),
)
@pytest.mark.usefixtures("_pretend_asyncio_supports_tls_in_tls", "loop")
async def test_secure_https_proxy_absolute_path(
    client_ssl_ctx,
    secure_proxy_url,
    web_server_endpoint_url,
    web_server_endpoint_payload,
) -> None:
    """Ensure HTTP(S) sites are accessible through a secure proxy."""
    conn = aiohttp.TCPConnector()
    sess = aiohttp.ClientSession(connector=conn)

    response = await sess.get(
        web_server_endpoint_url,
        proxy=secure_proxy_url,
        ssl=client_ssl_ctx,  # used for both proxy and endpoint connections
    )

    assert response.status == 200
    assert await response.text() == web_server_endpoint_payload

    response.close()
    await sess.close()
    await conn.close()

    # https://docs.aiohttp.org/en/v3.8.0/client_advanced.html#graceful-shutdown
    await asyncio.sleep(0.1)
