def _convert(elem: str) -> ast.stmt:
    ret = _prefix_names(_CALL_CONVERTER_CODE_FMT.format(elem=elem))
    ret.args = [ast.Name(str(elem), ast.Load())]  # type: ignore  # str for py2
    return ret
