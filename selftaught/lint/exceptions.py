"""Swallowed exceptions (DT101-DT103): handlers and suppress() that hide failures.

Why these exact shapes: a handler is duct tape when it both catches too much
(bare / Exception / BaseException, directly, in a tuple or through an alias)
and does nothing with what it caught (pass, continue, a default return, or
logging followed by carrying on). Either half alone is often fine: narrow
handlers encode a decision about one failure, and broad handlers that re-raise,
return an error object or set a failure status record the failure. Narrow
handlers are only reported when they are completely silent (``pass`` with no
comment) and are not one of the well-known idioms: `NARROW_IDIOMS` anywhere,
`DELETE_IDIOMS` (FileNotFoundError, OSError, ...) only around a delete, kill or
mkdir call, where "already gone" really is success.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from selftaught.lint import context
from selftaught.lint.source import Finding, Source, walk_functions

BROAD = frozenset({"Exception", "BaseException", "builtins.Exception", "builtins.BaseException"})

NARROW_IDIOMS = frozenset({
    # optional imports / feature probes
    "ImportError", "ModuleNotFoundError",
    # flow control, not failures
    "KeyboardInterrupt", "StopIteration", "StopAsyncIteration",
    "GeneratorExit", "Empty", "QueueEmpty", "Full", "QueueFull",
    "TimeoutExpired",
    # "would block" / "interrupted" / "not supported here" / "already collected"
    "BlockingIOError", "InterruptedError", "NotImplementedError", "ReferenceError",
})
"""Exception names (last dotted component) whose silent handling is a recognised idiom."""

DELETE_IDIOMS = frozenset({
    "FileNotFoundError", "FileExistsError", "ProcessLookupError", "NoSuchProcess",
    "NotADirectoryError", "IsADirectoryError", "OSError", "IOError", "PermissionError", "error",
})
"""Exceptions that mean "already done" around a delete, kill or mkdir (idempotent operations)."""

DELETE_CALLS = frozenset({
    "unlink", "remove", "rmtree", "rmdir", "removedirs", "kill", "killpg", "terminate",
    "mkdir", "makedirs", "sendsig", "send_signal", "close",
})
"""Idempotent operations: if the try body calls one of these, DELETE_IDIOMS may pass silently."""

LOG_METHODS = frozenset({
    "debug", "info", "warning", "warn", "error", "exception", "critical", "fatal", "log",
    "print_exc", "print_exception", "format_exc", "print", "pprint", "echo", "secho",
})

DIRECTIVE = re.compile(
    r"#\s*(noqa|type:\s*ignore|pragma:|pylint:|pyright:|nosec|mypy:|ruff:|flake8:|fmt:)",
    re.IGNORECASE,
)


def broad_aliases(src: Source) -> set[str]:
    """Names bound to a broad exception class or a tuple containing one (``E = Exception``)."""
    found = {name for name, origin in src.aliases.items() if origin in BROAD}
    assigns = [
        n for n in ast.walk(src.tree)
        if isinstance(n, ast.Assign) and len(n.targets) == 1 and isinstance(n.targets[0], ast.Name)
    ]
    changed = True
    while changed:
        changed = False
        for node in assigns:
            target = node.targets[0]
            assert isinstance(target, ast.Name)
            if target.id not in found and _is_broad(node.value, src, found):
                found.add(target.id)
                changed = True
    return found


def _is_broad(node: ast.AST | None, src: Source, aliases: set[str]) -> bool:
    if node is None:
        return True
    if isinstance(node, ast.Tuple):
        return any(_is_broad(elt, src, aliases) for elt in node.elts)
    if isinstance(node, ast.Name) and node.id in aliases:
        return True
    return src.qualname(node) in BROAD


def _exception_names(node: ast.AST | None, src: Source) -> list[str]:
    """Last dotted component of each caught exception class."""
    if node is None:
        return []
    elts = node.elts if isinstance(node, ast.Tuple) else [node]
    names = []
    for elt in elts:
        q = src.qualname(elt)
        names.append(q.split(".")[-1] if q else "?")
    return names


def _is_log_call(node: ast.AST, src: Source) -> bool:
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    if isinstance(func, ast.Name):
        return func.id in {"print", "pprint"}
    if isinstance(func, ast.Attribute):
        if func.attr in LOG_METHODS:
            return True
        q = src.qualname(func) or ""
        if q.startswith(("warnings.", "traceback.", "logging.")):
            return True
        if func.attr in {"write", "flush"} and q.startswith(("sys.stderr", "sys.stdout")):
            return True
    return False


def _is_default_value(node: ast.AST | None) -> bool:
    """None, a literal, an empty container, or a negated number."""
    if node is None:
        return True
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.UnaryOp) and isinstance(node.operand, ast.Constant):
        return True
    if isinstance(node, ast.List | ast.Tuple | ast.Set) and not node.elts:
        return True
    if isinstance(node, ast.Dict) and not node.keys:
        return True
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not node.args
            and not node.keywords and node.func.id in {"dict", "list", "set", "tuple", "str"})


def _retries_itself(stmt: ast.stmt, func_name: str | None) -> bool:
    """``return self.__next__()`` inside ``__next__``: skipping the item by recursion."""
    if not (isinstance(stmt, ast.Return) and isinstance(stmt.value, ast.Call)) or not func_name:
        return False
    func = stmt.value.func
    called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    return called == func_name


def swallows(handler: ast.ExceptHandler, src: Source, func_name: str | None = None) -> bool:
    """True when the handler body only passes, continues, returns a default or logs."""
    for stmt in handler.body:
        if _retries_itself(stmt, func_name):
            continue
        if isinstance(stmt, ast.Pass | ast.Continue | ast.Break):
            continue
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
            continue  # docstring-like string or `...`
        if isinstance(stmt, ast.Return) and _is_default_value(stmt.value):
            continue
        if isinstance(stmt, ast.Expr) and _is_log_call(stmt.value, src):
            continue
        if (isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call)
                and (src.qualname(stmt.value.func) or "").endswith("getLogger")):
            continue
        return False
    return True


def _silent(handler: ast.ExceptHandler) -> bool:
    return all(
        isinstance(s, ast.Pass) or (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))
        for s in handler.body
    )


def _justified(handler: ast.ExceptHandler, src: Source) -> bool:
    """A non-directive comment on the except line, inside the handler, or just above."""
    last = handler.end_lineno or handler.lineno
    comments = src.comments_in(handler.lineno, last)
    if handler.lineno - 1 in src.comment_only_lines:
        comments += src.comments.get(handler.lineno - 1, [])
    return any(not DIRECTIVE.match(c.strip()) and len(c.strip("# \t")) > 0 for c in comments)


def _is_delete_context(try_node: ast.Try) -> bool:
    """True when the try body calls a delete/kill/mkdir-like function."""
    for stmt in try_node.body:
        for node in ast.walk(stmt):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name in DELETE_CALLS:
                    return True
    return False


def _is_stop_signal(name: str) -> bool:
    """``VisitorExit``, ``GreenletExit``: an exception a library raises to end a walk or a
    green thread early; catching it is where the early exit lands. (``SystemExit`` is the
    process asking to end, and is not one.)"""
    return name.endswith("Exit") and name != "SystemExit"


def _narrow_is_idiom(names: list[str], try_node: ast.Try) -> bool:
    if names and all(n in NARROW_IDIOMS or _is_stop_signal(n) for n in names):
        return True
    return bool(names) and all(n in DELETE_IDIOMS | NARROW_IDIOMS for n in names) \
        and _is_delete_context(try_node)


def excused_by_context(handler: ast.ExceptHandler, try_node: ast.Try | ast.TryStar,
                       src: Source, parents: dict[ast.AST, ast.AST]) -> bool:
    """The surroundings make a silent handler correct (see `selftaught.lint.context`).

    A bounded retry that raises when the attempts run out, the miss branch of
    a search loop, best-effort cleanup in a finalizer, and a capability probe
    whose yes/no answer is returned are the look-alikes maintainers keep.
    """
    names = _exception_names(handler.type, src)
    if context.in_bounded_retry(try_node, parents):
        return True
    if context.in_finalizer(handler, try_node, parents):
        return True
    if handler.type is not None and context.releases_only(try_node):
        return True  # (a bare except around it also eats Ctrl-C and SystemExit)
    if context.is_probe(handler, try_node, parents,
                        broad=_is_broad(handler.type, src, broad_aliases(src))):
        return True
    if context.expects_exception(try_node, handler) or context.raises_only(try_node):
        return True
    if context.checked_after_in_test(try_node, parents, is_test=src.is_test):
        return True
    if handler.type is None or _is_broad(handler.type, src, broad_aliases(src)):
        return False
    if context.cleanup_before_reraise(try_node, parents) or \
            context.suppressing_context_manager(try_node, parents):
        return True
    if "CancelledError" in names:
        # a cancellation is an order to stop: swallowing one that was meant for this code
        # turns "stop" into "carry on" (asyncio asks to re-raise it); swallowing the one
        # this code requested with task.cancel() is how a cancelled task is awaited
        if not context.cancellation_is_not_ours(try_node, parents):
            return False
        if all(n == "CancelledError" for n in names):
            return True
    return (context.is_search_miss(handler, try_node, names, parents)
            or context.guards_a_check(names, try_node)
            or (context.in_delete_function(try_node, parents)
                and all(n in DELETE_IDIOMS for n in names))
            or context.skips_candidate(handler, try_node, parents)
            or context.has_success_branch(try_node)
            or context.duck_typing_fallback(names, try_node, parents)
            or context.removes_if_present(names, try_node)
            or context.lookup_or_none(names, try_node, parents)
            or context.tries_candidates(handler, try_node, parents)
            or context.result_checked_later(try_node, parents)
            or context.raises_it_itself(handler, try_node))


def check(src: Source) -> Iterator[Finding]:
    """DT101 broad swallow, DT102 silent narrow handler, DT103 broad suppress(), DT104."""
    aliases = broad_aliases(src)
    parents = context.parent_map(src.tree)
    enclosing: dict[ast.AST, str] = {}
    for fn in walk_functions(src.tree):  # outer first, so inner functions win
        for inner in ast.walk(fn):
            if isinstance(inner, ast.Try | ast.TryStar):
                enclosing[inner] = fn.name
    for node in ast.walk(src.tree):
        if isinstance(node, ast.Try | ast.TryStar):
            for handler in node.handlers:
                guess = _admits_not_knowing(handler, src)
                if guess:
                    yield src.finding("DT102", handler, f"the handler's comment guesses what "
                                      f"the error means ({guess!r})")
                    continue
                if excused_by_context(handler, node, src, parents):
                    continue
                yield from _check_handler(handler, node, src, aliases, enclosing.get(node))
                yield from _assertion_caught(handler, src)
        elif isinstance(node, ast.With | ast.AsyncWith):
            for item in node.items:
                call = item.context_expr
                if not isinstance(call, ast.Call):
                    continue
                if src.qualname(call.func) != "contextlib.suppress":
                    continue
                if any(_is_broad(arg, src, aliases) for arg in call.args):
                    yield src.finding("DT103", call)


HEDGING = re.compile(
    r"\b(presumably|it'?s possible that|may be (the )?result|might be (the )?result|"
    r"seen in (the )?wild|not sure|i don'?t know|don'?t know why|no idea|somehow|"
    r"for some reason|mysterious\w*|unknown reason)\b", re.IGNORECASE)
"""Words in a silent handler's comment that say its author guessed what the error means
("this may be result of undeterministic order", "already deleted; seen in wild",
"Presumably, the server closed the connection"): the comment documents a failure nobody
understood, not a reason, so it excuses nothing and no context does either."""


def _admits_not_knowing(handler: ast.ExceptHandler, src: Source) -> str | None:
    """The hedging words of a silent handler's comments (see `HEDGING`), or None."""
    if not all(isinstance(s, ast.Pass | ast.Continue | ast.Break) or (
            isinstance(s, ast.Return) and (s.value is None or isinstance(s.value, ast.Constant)))
            or (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))
            for s in handler.body):
        return None
    last = max(getattr(s, "end_lineno", None) or s.lineno for s in handler.body)
    text = " ".join(c for line in range(handler.lineno, last + 1)
                    for c in src.comments.get(line, []))
    match = HEDGING.search(text)
    return match.group(0) if match else None


def _check_handler(
    handler: ast.ExceptHandler,
    try_node: ast.Try | ast.TryStar,
    src: Source,
    aliases: set[str],
    func_name: str | None,
) -> Iterator[Finding]:
    if _is_broad(handler.type, src, aliases):
        if swallows(handler, src, func_name):
            what = "bare except" if handler.type is None else (
                ast.unparse(handler.type) if handler.type else "")
            yield src.finding("DT101", handler, what)
        return
    if not _silent(handler) or _justified(handler, src):
        return
    names = _exception_names(handler.type, src)
    if any(n[:1].islower() or n == "?" for n in names):
        return  # a variable (`except exceptions:`): the caller chose what to ignore
    if isinstance(try_node, ast.Try) and _narrow_is_idiom(names, try_node):
        return
    if not isinstance(try_node, ast.Try) and all(n in NARROW_IDIOMS for n in names):
        return
    yield src.finding("DT102", handler, ", ".join(names))


def _assertion_caught(handler: ast.ExceptHandler, src: Source) -> Iterator[Finding]:
    """DT104: ``except AssertionError`` that does not raise turns a failed check into flow.

    An assertion states what must hold; catching its failure and carrying on
    (pass, return a default, print) makes the check decorative. Handlers that
    re-raise (with more context, or as a named error) are left alone, as are
    handlers whose try body is a single call to ``pytest.fail``-like reporting.
    """
    names = _exception_names(handler.type, src)
    if "AssertionError" not in names:
        return
    if any(isinstance(n, ast.Raise | ast.Assert) for s in handler.body for n in ast.walk(s)):
        return  # re-raised, or checked again another way
    if _records_exception(handler, src):
        return
    if any(isinstance(n, ast.Call) and context.called_name(n) in {"fail", "skip", "xfail", "exit"}
           for s in handler.body for n in ast.walk(s)):
        return
    yield src.finding("DT104", handler)


def _records_exception(handler: ast.ExceptHandler, src: Source) -> bool:
    """The handler passes the caught failure on (its name, ``sys.exc_info()``, or the
    current exception info) to something other than print/logging: it is reported."""
    for stmt in handler.body:
        for node in ast.walk(stmt):
            if not isinstance(node, ast.Call) or _is_log_call(node, src):
                continue
            q = src.qualname(node.func) or context.called_name(node)
            if "exc_info" in q or "from_current" in q or q.startswith("traceback."):
                return True
            for arg in [*node.args, *(k.value for k in node.keywords)]:
                if any(isinstance(n, ast.Name) and n.id == handler.name for n in ast.walk(arg)):
                    return True
                if any(isinstance(n, ast.Call) and "exc_info" in (src.qualname(n.func) or "")
                       for n in ast.walk(arg)):
                    return True
    return False
