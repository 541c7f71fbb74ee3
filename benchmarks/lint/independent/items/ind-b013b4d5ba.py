def test_one_input(data):
    reader = StreamReader()
    reader.feed_data(data)
    reader.feed_eof()

    parser = Request.parse(
        reader.read_line,
    )

    try:
        next(parser)
    except StopIteration:
        pass  # request is available in exc.value
    except (
        EOFError,  # connection is closed without a full HTTP request
        SecurityError,  # request exceeds a security limit
        ValueError,  # request isn't well formatted
    ):
        pass
