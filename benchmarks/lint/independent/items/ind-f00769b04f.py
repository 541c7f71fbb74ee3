def __init__(
    self,
    string: str,
    defaults: t.Mapping[str, t.Any] | None = None,
    subdomain: str | None = None,
    methods: t.Iterable[str] | None = None,
    build_only: bool = False,
    endpoint: str | None = None,
    strict_slashes: bool | None = None,
    merge_slashes: bool | None = None,
    redirect_to: str | t.Callable[..., str] | None = None,
    alias: bool = False,
    host: str | None = None,
    websocket: bool = False,
) -> None:
    if not string.startswith("/"):
        raise ValueError(f"URL rule '{string}' must start with a slash.")

    self.rule = string
    self.is_leaf = not string.endswith("/")
    self.is_branch = string.endswith("/")

    self.map: Map = None  # type: ignore
    self.strict_slashes = strict_slashes
    self.merge_slashes = merge_slashes
    self.subdomain = subdomain
    self.host = host
    self.defaults = defaults
    self.build_only = build_only
    self.alias = alias
    self.websocket = websocket

    if methods is not None:
        if isinstance(methods, str):
            raise TypeError("'methods' should be a list of strings.")

        methods = {x.upper() for x in methods}

        if "HEAD" not in methods and "GET" in methods:
            methods.add("HEAD")

        if websocket and methods - {"GET", "HEAD", "OPTIONS"}:
            raise ValueError(
                "WebSocket rules can only use 'GET', 'HEAD', and 'OPTIONS' methods."
            )

    self.methods = methods
    self.endpoint: str = endpoint  # type: ignore
    self.redirect_to = redirect_to

    if defaults:
        self.arguments = set(map(str, defaults))
    else:
        self.arguments = set()

    self._converters: dict[str, BaseConverter] = {}
    self._trace: list[tuple[bool, str]] = []
    self._parts: list[RulePart] = []
