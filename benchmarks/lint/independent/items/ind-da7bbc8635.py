def __eq__(self, other):
    # Just piggyback on Message/BytesIO, since both of these should be one.
    return self and other and self.key_blob == other.key_blob
