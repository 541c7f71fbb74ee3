def _get_content_decoder(self) -> ContentDecoder:
    """
    Returns a decoder instance which can be used to decode the raw byte
    content, depending on the Content-Encoding used in the response.
    """
    if not hasattr(self, "_decoder"):
        decoders: list[ContentDecoder] = []
        values = self.headers.get_list("content-encoding", split_commas=True)
        for value in values:
            value = value.strip().lower()
            try:
                decoder_cls = SUPPORTED_DECODERS[value]
                decoders.append(decoder_cls())
            except KeyError:
                continue

        if len(decoders) == 1:
            self._decoder = decoders[0]
        elif len(decoders) > 1:
            self._decoder = MultiDecoder(children=decoders)
        else:
            self._decoder = IdentityDecoder()

    return self._decoder
