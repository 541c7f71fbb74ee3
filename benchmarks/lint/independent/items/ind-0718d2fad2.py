text_input._CHUNK_SIZE = 1  # type: ignore
