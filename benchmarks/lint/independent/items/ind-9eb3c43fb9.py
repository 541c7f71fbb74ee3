@property
def json(self) -> Optional[dict]:
    """
    Return deserialized the request or response JSON body,
    if one (and only one) included in the output and is parsable.

    """
    if not hasattr(self, '_json'):
        self._json = None
        # De-serialize JSON body if possible.
        if COLOR in self:
            # Colorized output cannot be parsed.
            pass
        elif self.strip().startswith('{'):
            # Looks like JSON body.
            self._json = json.loads(self)
        elif self.count('Content-Type:') == 1:
            # Looks like a HTTP message,
            # try to extract JSON from its body.
            try:
                j = self.strip()[self.strip().rindex('\r\n\r\n'):]
            except ValueError:
                pass
            else:
                try:
                    # noinspection PyAttributeOutsideInit
                    self._json = json.loads(j)
                except ValueError:
                    pass
    return self._json
