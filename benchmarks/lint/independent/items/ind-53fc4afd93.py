@t.overload
def match(  # type: ignore
    self,
    path_info: str | None = None,
    method: str | None = None,
    return_rule: t.Literal[False] = False,
    query_args: t.Mapping[str, t.Any] | str | None = None,
    websocket: bool | None = None,
) -> tuple[str, t.Mapping[str, t.Any]]: ...
