@pytest.mark.skipif(
    sys.platform != "linux" or platform.python_implementation().lower() == "pypy",
    reason="only works with cpython on ubuntu in ci",
)
async def test_input_request(self, kc):
    with mock.patch("builtins.input", return_value="test\n"):
        reply = await kc.execute_interactive("a = input()", timeout=TIMEOUT)
    assert reply["content"]["status"] == "ok"
