@pytest.mark.xfail
async def test_open_bad_socket():
    # mktemp is marked as insecure, but that's okay, we don't want the file to
    # exist
    name = os.path.join(tempfile.gettempdir(), tempfile.mktemp())
    await open_unix_socket(name)
