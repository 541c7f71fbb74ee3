def _compile_builder(
    self, append_unknown: bool = True
) -> t.Callable[..., tuple[str, str]]:
    defaults = self.defaults or {}
    dom_ops: list[tuple[bool, str]] = []
    url_ops: list[tuple[bool, str]] = []

    opl = dom_ops
    for is_dynamic, data in self._trace:
        if data == "|" and opl is dom_ops:
            opl = url_ops
            continue
        # this seems like a silly case to ever come up but:
        # if a default is given for a value that appears in the rule,
        # resolve it to a constant ahead of time
        if is_dynamic and data in defaults:
            data = self._converters[data].to_url(defaults[data])
            opl.append((False, data))
        elif not is_dynamic:
            # safe = https://url.spec.whatwg.org/#url-path-segment-string
            opl.append((False, quote(data, safe="!$&'()*+,/:;=@")))
        else:
            opl.append((True, data))

    def _convert(elem: str) -> ast.stmt:
        ret = _prefix_names(_CALL_CONVERTER_CODE_FMT.format(elem=elem))
        ret.args = [ast.Name(str(elem), ast.Load())]  # type: ignore  # str for py2
        return ret

    def _parts(ops: list[tuple[bool, str]]) -> list[ast.AST]:
        parts = [
            _convert(elem) if is_dynamic else ast.Constant(elem)
            for is_dynamic, elem in ops
        ]
        parts = parts or [ast.Constant("")]
        # constant fold
        ret = [parts[0]]
        for p in parts[1:]:
            if isinstance(p, ast.Constant) and isinstance(ret[-1], ast.Constant):
                ret[-1] = ast.Constant(ret[-1].value + p.value)
            else:
                ret.append(p)
        return ret

    dom_parts = _parts(dom_ops)
    url_parts = _parts(url_ops)
    if not append_unknown:
        body = []
    else:
        body = [_IF_KWARGS_URL_ENCODE_AST]
        url_parts.extend(_URL_ENCODE_AST_NAMES)

    def _join(parts: list[ast.AST]) -> ast.AST:
        if len(parts) == 1:  # shortcut
            return parts[0]
        return ast.JoinedStr(parts)

    body.append(
        ast.Return(ast.Tuple([_join(dom_parts), _join(url_parts)], ast.Load()))
    )

    pargs = [
        elem
        for is_dynamic, elem in dom_ops + url_ops
        if is_dynamic and elem not in defaults
    ]
    kargs = [str(k) for k in defaults]

    func_ast: ast.FunctionDef = _prefix_names("def _(): pass")  # type: ignore
    func_ast.name = f"<builder:{self.rule!r}>"
    func_ast.args.args.append(ast.arg(".self", None))
    for arg in pargs + kargs:
        func_ast.args.args.append(ast.arg(arg, None))
    func_ast.args.kwarg = ast.arg(".kwargs", None)
    for _ in kargs:
        func_ast.args.defaults.append(ast.Constant(""))
    func_ast.body = body

    # Use `ast.parse` instead of `ast.Module` for better portability, since the
    # signature of `ast.Module` can change.
    module = ast.parse("")
    module.body = [func_ast]

    # mark everything as on line 1, offset 0
    # less error-prone than `ast.fix_missing_locations`
    # bad line numbers cause an assert to fail in debug builds
    for node in ast.walk(module):
        if "lineno" in node._attributes:
            node.lineno = 1
        if "end_lineno" in node._attributes:
            node.end_lineno = node.lineno
        if "col_offset" in node._attributes:
            node.col_offset = 0
        if "end_col_offset" in node._attributes:
            node.end_col_offset = node.col_offset

    code = compile(module, "<werkzeug routing>", "exec")
    return self._get_func_code(code, func_ast.name)
