@parameters.setter
def parameters(self, value: dict[str, str]) -> None:
    self._parameters = CallbackDict(  # type: ignore[misc]
        value, lambda _: self._trigger_on_update()
    )
    self._trigger_on_update()
