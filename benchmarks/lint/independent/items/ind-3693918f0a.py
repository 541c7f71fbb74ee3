def __call__(self, value: str) -> str:
    message = self._format_error(value)

    if not value or "@" not in value:
        raise ValidationError(message)

    user_part, domain_part = value.rsplit("@", 1)

    if not self.USER_REGEX.match(user_part):
        raise ValidationError(message)

    if domain_part not in self.DOMAIN_WHITELIST:
        if not self.DOMAIN_REGEX.match(domain_part):
            try:
                domain_part = domain_part.encode("idna").decode("ascii")
            except UnicodeError:
                pass
            else:
                if self.DOMAIN_REGEX.match(domain_part):
                    return value
            raise ValidationError(message)

    return value
