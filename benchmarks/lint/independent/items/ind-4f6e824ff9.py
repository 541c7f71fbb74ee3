@property
def json(self):
    """Returns the json-encoded content of a response, if any."""

    if not self.encoding and len(self.content) > 3:
        # No encoding set. JSON RFC 4627 section 3 states we should expect
        # UTF-8, -16 or -32. Detect which one to use; If the detection or
        # decoding fails, fall back to `self.text` (using chardet to make
        # a best guess).
        encoding = guess_json_utf(self.content)
        if encoding is not None:
            try:
                return json.loads(self.content.decode(encoding))
            except (ValueError, UnicodeDecodeError):
                pass
    try:
        return json.loads(self.text or self.content)
    except ValueError:
        return None
