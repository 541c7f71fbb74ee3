def parse_chunk_size(self, unreader, data=None):
    buf = io.BytesIO()
    if data is not None:
        buf.write(data)

    idx = buf.getvalue().find(b"\r\n")
    while idx < 0:
        self.get_data(unreader, buf)
        idx = buf.getvalue().find(b"\r\n")

    data = buf.getvalue()
    line, rest_chunk = data[:idx], data[idx + 2:]

    # RFC9112 7.1.1: BWS before chunk-ext - but ONLY then
    chunk_size, *chunk_ext = line.split(b";", 1)
    if chunk_ext:
        # RFC 9112: chunk-ext must not contain bare CR
        if b'\r' in chunk_ext[0]:
            raise InvalidChunkExtension("bare CR not allowed")
        chunk_size = chunk_size.rstrip(b" \t")
    if any(n not in b"0123456789abcdefABCDEF" for n in chunk_size):
        raise InvalidChunkSize(chunk_size)
    if len(chunk_size) == 0:
        raise InvalidChunkSize(chunk_size)
    chunk_size = int(chunk_size, 16)

    if chunk_size == 0:
        try:
            self.parse_trailers(unreader, rest_chunk)
        except NoMoreData:
            pass
        return (0, None)
    return (chunk_size, rest_chunk)
