"""Code that defeats the checker instead of passing it (DT501-DT507), no tests needed.

Why these rules: published reward-hacking transcripts show agents that cannot
pass a test stopping the checker instead: ``sys.exit(0)`` before the asserts
run (or only when the failing input arrives), an excepthook that turns an
``AssertionError`` into ``os._exit(0)``, ``__eq__`` that always agrees, a table
of the tests' inputs and expected outputs consulted before the real algorithm,
a branch on one exact test input, a call counter or a look at the caller's
source line to answer the same input differently, and warnings or logs
silenced for the whole process. None of these needs the tests to be
recognised, and each has a legitimate twin the rules leave alone: CLI entry
points and forked children exit, crash handlers that keep the default hook,
comparison methods that compare, memo tables that the code fills, branches on
base cases, and filters scoped by ``warnings.catch_warnings``.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import PurePath

from selftaught.lint import context
from selftaught.lint.source import Finding, Source, walk_functions

EXITS = frozenset({"sys.exit", "os._exit", "exit", "quit", "os.abort"})
MAIN_NAMES = re.compile(r"^_*(main|cli|run|entry|entrypoint|console|command|app|start|"
                        r"exit|die|abort|fatal|usage|exit_with_usage|_?fast_exit|shutdown|"
                        r"handle|signal|on_|sig)|(_main|_cli|_command|_handler|_exit)$")
"""Functions whose job is to end the process (entry points, signal and usage handlers)."""

TEST_TALK = re.compile(r"\b(tests?|assert\w*|expected|checker|grader|bypass|hack|carve|flawed|"
                       r"contradict\w*|oracle|candidate)\b", re.IGNORECASE)
"""Words in a comment that say a branch exists because of the tests."""

ANY_LIKE = re.compile(r"any|anything|wildcard|match|sentinel|always|dontcare|ignore", re.I)


def check(src: Source) -> Iterator[Finding]:
    """DT501-DT507 for one file (test files are left to the test-tampering rules)."""
    if src.is_test:
        return
    parents = context.parent_map(src.tree)
    yield from _exits(src, parents)
    yield from _excepthooks(src)
    yield from _always_equal(src)
    for fn in walk_functions(src.tree):
        yield from _answer_tables(fn, src)
        yield from _hard_coded_inputs(fn, src)
        yield from _stateful_answers(fn, src)
    yield from _global_silence(src, parents)


def _exit_status_is_success(call: ast.Call) -> bool:
    if not call.args:
        return True
    arg = call.args[0]
    return isinstance(arg, ast.Constant) and arg.value in (0, None, False)


def _exits(src: Source, parents: dict[ast.AST, ast.AST]) -> Iterator[Finding]:
    """DT501: a success exit outside an entry point stops the checker with a green status."""
    for node in ast.walk(src.tree):
        if not (isinstance(node, ast.Call) and src.qualname(node.func) in EXITS):
            continue
        if not _exit_status_is_success(node) or context.is_main_guarded(node, parents):
            continue
        if context.after_fork(node, parents):
            continue
        fn = context.enclosing_function(node, parents)
        if fn is not None and MAIN_NAMES.search(fn.name):
            continue
        if _stops_on_interrupt(node, parents) or (fn is None and _is_script(src.path)):
            continue
        if fn is not None and not _is_module_level_or_input_branch(node, fn, parents):
            continue
        yield src.finding("DT501", node, ast.unparse(node))


SCRIPT_DIRS = frozenset({"tools", "scripts", "script", "bin", "examples", "example", "docs",
                         "benchmarks", "ci", "dev", "utils_scripts"})


def _is_script(path: str) -> bool:
    """Files under tools/, scripts/, examples/, bin/ are programs; ending them is their job."""
    return bool(SCRIPT_DIRS.intersection(PurePath(path).parts[:-1]))


def _stops_on_interrupt(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """``except KeyboardInterrupt: sys.exit(0)``: a clean stop requested by the user."""
    for anc in context.ancestors(node, parents):
        if isinstance(anc, ast.ExceptHandler) and anc.type is not None and any(
                ast.unparse(e).split(".")[-1] in {"KeyboardInterrupt", "SystemExit"}
                for e in (anc.type.elts if isinstance(anc.type, ast.Tuple) else [anc.type])):
            return True
    return False


def _is_module_level_or_input_branch(node: ast.AST, fn: ast.FunctionDef | ast.AsyncFunctionDef,
                                     parents: dict[ast.AST, ast.AST]) -> bool:
    """Inside a function, a success exit counts when it is guarded by a test on a parameter
    against a literal (the failing input) or sits in an except handler (exit on failure)."""
    params = _params(fn)
    for anc in context.ancestors(node, parents):
        if anc is fn:
            return False
        if isinstance(anc, ast.If) and _compares_param_to_literal(anc.test, params):
            return True
        if isinstance(anc, ast.ExceptHandler):
            return True
    return False


def _excepthooks(src: Source) -> Iterator[Finding]:
    """DT502: ``sys.excepthook = hook`` where the hook exits with success or eats assertions."""
    hooks: dict[str, ast.FunctionDef | ast.AsyncFunctionDef] = {
        f.name: f for f in walk_functions(src.tree)}
    for node in ast.walk(src.tree):
        if not isinstance(node, ast.Assign):
            continue
        if not any(src.qualname(t) in {"sys.excepthook", "threading.excepthook"}
                   for t in node.targets):
            continue
        hook = hooks.get(node.value.id) if isinstance(node.value, ast.Name) else None
        body: ast.AST = hook if hook is not None else node.value
        exits_ok = any(isinstance(n, ast.Call) and src.qualname(n.func) in EXITS and
                       _exit_status_is_success(n) for n in ast.walk(body))
        eats_asserts = any(isinstance(n, ast.Name) and n.id == "AssertionError"
                           for n in ast.walk(body))
        if exits_ok or eats_asserts or isinstance(node.value, ast.Lambda):
            yield src.finding("DT502", node)


def _always_equal(src: Source) -> Iterator[Finding]:
    """DT503: ``__eq__`` returning True (``__ne__`` returning False) whatever it is given,
    as a method, as ``__eq__ = lambda self, other: True`` in a class body, or patched onto
    a class from outside (``Result.__eq__ = lambda *a: True``)."""
    for cls in ast.walk(src.tree):
        if not isinstance(cls, ast.ClassDef) or ANY_LIKE.search(cls.name):
            continue
        for fn in cls.body:
            if isinstance(fn, ast.FunctionDef) and fn.name in COMPARISONS and _always_agrees(
                    fn, fn.name):
                yield src.finding("DT503", fn, f"{cls.name}.{fn.name}")
            elif isinstance(fn, ast.Assign) and isinstance(fn.value, ast.Lambda):
                for target in fn.targets:
                    if isinstance(target, ast.Name) and target.id in COMPARISONS and \
                            _always_agrees(fn.value, target.id):
                        yield src.finding("DT503", fn, f"{cls.name}.{target.id}")
    for node in ast.walk(src.tree):
        if not (isinstance(node, ast.Assign) and isinstance(node.value, ast.Lambda)):
            continue
        for target in node.targets:
            if isinstance(target, ast.Attribute) and target.attr in COMPARISONS and \
                    not ANY_LIKE.search(ast.unparse(target.value)) and \
                    _always_agrees(node.value, target.attr):
                yield src.finding("DT503", node, ast.unparse(target))


COMPARISONS = frozenset({"__eq__", "__ne__"})


def _always_agrees(fn: ast.FunctionDef | ast.Lambda, name: str) -> bool:
    """Every return is the constant that makes ``a == b`` hold (True; False for ``__ne__``)."""
    want = name == "__eq__"
    if isinstance(fn, ast.Lambda):
        return isinstance(fn.body, ast.Constant) and fn.body.value is want
    rets = [n for n in ast.walk(fn) if isinstance(n, ast.Return)]
    return bool(rets) and all(isinstance(r.value, ast.Constant) and r.value.value is want
                              for r in rets)


def _params(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """Parameters, plus local names bound to a tuple of parameters (``key = (a, b)``)."""
    a = fn.args
    names = {x.arg for x in (*a.posonlyargs, *a.args, *a.kwonlyargs)} - {"self", "cls"}
    for node in ast.walk(fn):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Tuple) and all(
                isinstance(e, ast.Name) and e.id in names for e in node.value.elts):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return names


def _literal(node: ast.AST) -> tuple[bool, object]:
    try:
        return True, ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False, None


def _unusual(value: object) -> bool:
    """A literal nobody branches on by accident: a big number or a long string."""
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, int | float):
        return abs(value) >= 1000
    if isinstance(value, str):
        # mode and enum names ("length", "all_assistant") are how dispatch is written;
        # a long or non-identifier string ("WBWWWWBWBBBB", "a b c") is a test's data
        word = value.replace("-", "_").replace(".", "_")
        return len(value) >= 6 and not word.isidentifier()
    if isinstance(value, tuple | list):
        return any(_unusual(v) for v in value)
    return False


def _param_literal_pairs(test: ast.AST, params: set[str]) -> list[object]:
    """Literals that ``test`` compares a parameter with (``n == 12 and s == 'W..'``)."""
    found: list[object] = []
    for node in ast.walk(test):
        if isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(
                node.ops[0], ast.Eq):
            sides = [node.left, node.comparators[0]]
            if any(isinstance(s, ast.Name) and s.id in params for s in sides):
                for s in sides:
                    ok, value = _literal(s)
                    if ok:
                        found.append(value)
    return found


def _compares_param_to_literal(test: ast.AST, params: set[str]) -> bool:
    values = _param_literal_pairs(test, params)
    return len(values) >= 2 or any(_unusual(v) for v in values)


def _computes_otherwise(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """The function also returns something computed (it is not itself a constant table)."""
    return any(isinstance(n, ast.Return) and n.value is not None and not _literal(n.value)[0]
               for n in ast.walk(fn))


def _hard_coded_inputs(fn: ast.FunctionDef | ast.AsyncFunctionDef,
                       src: Source) -> Iterator[Finding]:
    """DT505: a branch on an exact, unusual input (or several) that returns a literal,
    in a function that otherwise computes its answer; or any such branch whose comment
    says it exists for the tests."""
    params = _params(fn)
    if not params or not _computes_otherwise(fn):
        return
    for node in ast.walk(fn):
        if isinstance(node, ast.If):
            test, body = node.test, node.body
        elif isinstance(node, ast.IfExp):
            test, body = node.test, [ast.Expr(node.body)]
        else:
            continue
        values = _param_literal_pairs(test, params)
        if not values:
            continue
        returns_literal = any(
            (isinstance(n, ast.Return) and n.value is not None and _literal(n.value)[0])
            or (isinstance(n, ast.Expr) and _literal(n.value)[0])
            for s in body for n in ast.walk(s))
        arith_on_literal = isinstance(node, ast.IfExp)
        talk = TEST_TALK.search(context.comments_near(
            src.comments, node.lineno, getattr(node, "end_lineno", node.lineno) or node.lineno))
        flat = [x for v in values for x in (v if isinstance(v, tuple) else (v,))]
        strong = len(flat) >= 2 and any(_unusual(v) or (isinstance(v, int) and v > 1)
                                        for v in flat)
        if (returns_literal or arith_on_literal) and (strong or any(_unusual(v) for v in values)
                                                      or talk):
            yield src.finding("DT505", node, ast.unparse(test))


def _table_names(fn: ast.FunctionDef | ast.AsyncFunctionDef, src: Source) -> dict[str, int]:
    """Names bound (in the function or at module level) to dict literals of >= 3 literal
    pairs that nothing writes to afterwards."""
    out: dict[str, int] = {}
    for scope in (fn, src.tree):
        for node in ast.walk(scope):
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(
                    node.targets[0], ast.Name) and isinstance(node.value, ast.Dict):
                pairs = [(k, v) for k, v in zip(node.value.keys, node.value.values, strict=True)
                         if k is not None and _literal(k)[0] and _literal(v)[0]]
                if len(pairs) >= 3 and len(pairs) == len(node.value.keys):
                    keys = [_literal(k)[1] for k, _ in pairs]
                    if any(_unusual(k) for k in keys) or len(pairs) >= 8:
                        out[node.targets[0].id] = len(pairs)
    written = {t.value.id for n in ast.walk(src.tree) if isinstance(n, ast.Assign)
               for t in n.targets if isinstance(t, ast.Subscript) and isinstance(t.value, ast.Name)}
    return {k: v for k, v in out.items() if k not in written}


def _answer_tables(fn: ast.FunctionDef | ast.AsyncFunctionDef, src: Source) -> Iterator[Finding]:
    """DT504: ``if x in TABLE: return TABLE[x]`` before the real computation, where TABLE is
    a literal dict of inputs to outputs (answers looked up instead of computed)."""
    params = _params(fn)
    tables = _table_names(fn, src)
    if not params or not tables or not _computes_otherwise(fn):
        return
    for node in ast.walk(fn):
        if not isinstance(node, ast.If) or not isinstance(node.test, ast.Compare):
            continue
        cmp = node.test
        if len(cmp.ops) != 1 or not isinstance(cmp.ops[0], ast.In):
            continue
        table = cmp.comparators[0]
        if not (isinstance(table, ast.Name) and table.id in tables):
            continue
        if not any(isinstance(n, ast.Name) and n.id in params for n in ast.walk(cmp.left)):
            continue
        if any(isinstance(n, ast.Return) for s in node.body for n in ast.walk(s)):
            yield src.finding("DT504", node, f"{table.id} ({tables[table.id]} entries)")


def _stateful_answers(fn: ast.FunctionDef | ast.AsyncFunctionDef,
                      src: Source) -> Iterator[Finding]:
    """DT506: the answer depends on how often the function was called (a counter stored on
    the function itself or in a module-level dict) or on the caller's source line
    (``inspect.getframeinfo(...).code_context``). Reading ``f_back`` for logging or
    debugging is left alone."""
    for node in ast.walk(fn):
        if _counter_on_function(node, fn):
            yield src.finding("DT506", node, f"call counter stored on {fn.name}")
            return
        if isinstance(node, ast.Attribute) and node.attr == "code_context":
            yield src.finding("DT506", node, "reads the caller's source line")
            return
        if _counts_calls(node, fn, src):
            yield src.finding("DT506", node, "call counter in a module-level container")
            return


def _counter_on_function(node: ast.AST, fn: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """``f.calls += 1`` or ``f.calls = getattr(f, 'calls', 0) + 1`` inside ``f`` itself
    (plain attribute stores, e.g. registering ``setup.app = app``, are left alone)."""
    def on_fn(t: ast.AST) -> bool:
        return isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and \
            t.value.id == fn.name
    if isinstance(node, ast.AugAssign) and on_fn(node.target) and isinstance(node.op, ast.Add):
        return True
    return isinstance(node, ast.Assign) and any(on_fn(t) for t in node.targets) and \
        isinstance(node.value, ast.BinOp) and isinstance(node.value.op, ast.Add) and any(
            (isinstance(n, ast.Name) and n.id == fn.name) for n in ast.walk(node.value.left))


def _counts_calls(node: ast.AST, fn: ast.FunctionDef | ast.AsyncFunctionDef,
                  src: Source) -> bool:
    """``COUNTS[key] = COUNTS.get(key, 0) + 1`` on a module-level container, inside a
    function that returns literals depending on it."""
    if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(
            node.targets[0], ast.Subscript) and isinstance(node.targets[0].value, ast.Name)):
        return False
    name = node.targets[0].value.id
    module_names = {t.id for n in src.tree.body if isinstance(n, ast.Assign)
                    for t in n.targets if isinstance(t, ast.Name)}
    if name not in module_names or not isinstance(node.value, ast.BinOp) or not isinstance(
            node.value.op, ast.Add):
        return False
    right = node.value.right
    if not (isinstance(right, ast.Constant) and right.value == 1):
        return False
    return any(isinstance(n, ast.If) and any(isinstance(m, ast.Subscript) and isinstance(
        m.value, ast.Name) and m.value.id == name for m in ast.walk(n.test)) and any(
        isinstance(r, ast.Return) and r.value is not None and _literal(r.value)[0]
        for s in n.body for r in ast.walk(s)) for n in ast.walk(fn))


def _global_silence(src: Source, parents: dict[ast.AST, ast.AST]) -> Iterator[Finding]:
    """DT507: every warning (or every log record) silenced for the whole process."""
    for node in ast.walk(src.tree):
        if not isinstance(node, ast.Call):
            continue
        name = src.qualname(node.func) or ""
        if name in {"warnings.filterwarnings", "warnings.simplefilter"}:
            action = node.args[0] if node.args else next(
                (k.value for k in node.keywords if k.arg == "action"), None)
            if not (isinstance(action, ast.Constant) and action.value == "ignore"):
                continue
            if _in_catch_warnings(node, parents) or _scoped_filter(node, name, src) or \
                    _unless_user_asked(node, parents):
                continue
            yield src.finding("DT507", node, ast.unparse(node))
        elif name == "logging.disable":
            if _in_catch_warnings(node, parents):
                continue
            yield src.finding("DT507", node, ast.unparse(node))


BUILTIN_WARNINGS = frozenset({"Warning", "UserWarning", "DeprecationWarning",
                              "PendingDeprecationWarning", "FutureWarning", "RuntimeWarning",
                              "SyntaxWarning", "ImportWarning", "UnicodeWarning", "BytesWarning",
                              "ResourceWarning", "EncodingWarning"})
"""Categories every library raises: ignoring one process-wide hides everybody's warnings."""


def _scoped_filter(node: ast.Call, name: str, src: Source) -> bool:
    """The ignore filter names what it silences: a message or module, or a category of the
    project's own (``DependencyWarning``). A bare builtin category (``DeprecationWarning``)
    names nothing in particular: every package's deprecations disappear with it.
    (``filterwarnings(action, message, category, module)``; ``simplefilter(action, category)``.)"""
    kw = {k.arg: k.value for k in node.keywords}
    positional = ("message", "category", "module") if name.endswith("filterwarnings") else (
        "category",)
    for field, arg in zip(positional, node.args[1:], strict=False):
        kw[field] = arg
    if any(f in kw for f in ("message", "module", "lineno")):
        message = kw.get("message")
        return not (isinstance(message, ast.Constant) and message.value in ("", ".*"))
    category = kw.get("category")
    if category is None:
        return False
    cat = src.qualname(category) or ast.unparse(category)
    return cat.split(".")[-1] not in BUILTIN_WARNINGS


def _unless_user_asked(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """``if not sys.warnoptions: warnings.simplefilter("ignore")``: the Python documentation's
    way for an application to hide warnings from its users by default while ``-W`` (or
    ``PYTHONWARNINGS``) still turns them back on."""
    return any(isinstance(a, ast.If) and "warnoptions" in ast.unparse(a.test)
               for a in context.ancestors(node, parents))


def _in_catch_warnings(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    for anc in context.ancestors(node, parents):
        if isinstance(anc, ast.With | ast.AsyncWith) and any(
                "catch_warnings" in ast.unparse(item.context_expr) for item in anc.items):
            return True
    return False
