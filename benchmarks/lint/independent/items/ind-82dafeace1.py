def __init__(
    self,
    auth_type: str,
    values: dict[str, str | None] | None = None,
    token: str | None = None,
):
    self._type = auth_type.lower()
    self._parameters: dict[str, str | None] = CallbackDict(  # type: ignore[misc]
        values, lambda _: self._trigger_on_update()
    )
    self._token = token
    self._on_update: t.Callable[[WWWAuthenticate], None] | None = None
