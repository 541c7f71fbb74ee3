def test_version_text(self):
    buf = StringIO()
    to_mock = "sys.stdout"

    with mock.patch(to_mock, buf):
        try:
            config.CommandLine(prog="test_prog").main(argv=["--version"])
            assert False
        except SystemExit:
            pass

    is_true("test_prog" in str(buf.getvalue()))
    is_true(__version__ in str(buf.getvalue()))
