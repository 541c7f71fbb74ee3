"""Context questions the rules ask about a construct: where it sits and what happens next.

Why a module of its own: a silent handler, an exit or a skip is duct tape in
one place and correct in another, and the difference is in the surroundings,
not in the construct. The same few questions keep coming up: is this handler
inside a bounded retry loop that raises when the attempts run out? Is it the
miss branch of a search? Is it best-effort cleanup in a finalizer? Is it a
capability probe whose answer the caller uses? Is this code the main entry
point, or a child process after ``fork``? Answering them here, once, keeps the
rules small and makes every rule read the same context the same way.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

FINALIZERS = frozenset({"__del__", "__exit__", "__aexit__", "close", "aclose", "cleanup",
                        "shutdown", "dispose", "release", "teardown", "tearDown", "terminate",
                        "stop", "_cleanup", "_close", "cleanup_resources"})
"""Functions whose job is to let go of resources; failures there are best-effort by design."""

CLEANUP_CALLS = frozenset({"close", "aclose", "kill", "terminate", "shutdown", "unlink", "remove",
                           "rmtree", "rmdir", "cancel", "stop", "join", "release", "flush",
                           "disconnect", "detach", "unregister", "clear", "wait", "send_signal",
                           "killpg", "__exit__", "quit", "cleanup", "destroy", "dispose"})
"""Calls that release something; a try body made only of these is a cleanup attempt."""

PROBE_NAME = re.compile(r"^_*(is|has|can|supports?|check|test|probe|detect|find|get|have|try|"
                        r"safe)_?"
                        r"|_(available|supported|enabled|installed|works|capable)$")
"""Function names that announce a yes/no (or found/not found) answer."""

CAPABILITY_NAME = re.compile(r"^_*(has|supports?|have|safe)_|_(available|supported|installed)$")
"""Stricter: names that ask whether the *environment* can do something (for broad handlers,
where anything may fail and "no" is the honest answer only about the environment), and
``safe_*`` names, which promise in their name never to raise."""

MISS_EXCEPTIONS = frozenset({"KeyError", "IndexError", "LookupError", "AttributeError",
                             "ValueError", "TypeError", "StopIteration", "NotImplementedError",
                             "UnicodeDecodeError", "UnicodeError", "OverflowError"})
"""Exceptions that mean "not this one" when a loop tries candidates in turn."""


def parent_map(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    """Child -> parent for every node."""
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def ancestors(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> Iterator[ast.AST]:
    """Parents of ``node``, innermost first."""
    while node in parents:
        node = parents[node]
        yield node


def enclosing_function(node: ast.AST, parents: dict[ast.AST, ast.AST]
                       ) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    """The innermost function around ``node``, or None at module level."""
    for anc in ancestors(node, parents):
        if isinstance(anc, ast.FunctionDef | ast.AsyncFunctionDef):
            return anc
    return None


def called_name(call: ast.Call) -> str:
    """Last component of the called name (``a.b.close()`` -> ``close``)."""
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _raises(stmts: list[ast.stmt]) -> bool:
    return any(isinstance(n, ast.Raise) for s in stmts for n in ast.walk(s))


def _next_statement(node: ast.stmt, parents: dict[ast.AST, ast.AST]) -> ast.stmt | None:
    parent = parents.get(node)
    for field in ("body", "orelse", "finalbody"):
        block = getattr(parent, field, None)
        if isinstance(block, list) and node in block:
            i = block.index(node)
            return block[i + 1] if i + 1 < len(block) else None
    return None


def in_bounded_retry(try_node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """True when ``try_node`` sits in a loop that raises once the attempts are used up.

    ``for attempt in range(n): try: ...; return; except E: continue`` followed by
    ``else: raise`` (or a raise right after the loop, or a ``while`` whose body
    raises when a counter runs out) is how a bounded retry is written: the
    swallowed failures are the ones the next attempt may fix, and the last one
    is reported.
    """
    for anc in ancestors(try_node, parents):
        if isinstance(anc, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
            return False
        if isinstance(anc, ast.For | ast.AsyncFor | ast.While):
            if _raises(anc.orelse):
                return True
            after = _next_statement(anc, parents)
            if after is not None and isinstance(after, ast.Raise):
                return True
            return isinstance(anc, ast.While) and _raises(anc.body) and not isinstance(
                anc.test, ast.Constant)
    return False


def is_search_miss(handler: ast.ExceptHandler, try_node: ast.AST, names: list[str],
                   parents: dict[ast.AST, ast.AST]) -> bool:
    """A narrow "not found here" handler that moves on to the next candidate of a loop.

    ``for key in keys: try: return d[key] except KeyError: continue`` (or
    ``pass`` as the last statement of the loop body) tries candidates in turn;
    the miss is the expected outcome, not a failure.
    """
    if not names or not all(n in MISS_EXCEPTIONS for n in names):
        return False
    body_ok = all(isinstance(s, ast.Continue | ast.Pass) or (
        isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant)) for s in handler.body)
    if not body_ok:
        return False
    node: ast.AST = try_node
    parent = parents.get(node)
    while isinstance(parent, ast.If) and (parent.body[-1] is node or (
            parent.orelse and parent.orelse[-1] is node)):
        node, parent = parent, parents.get(parent)  # `for obj in objs: if ...: try` (last)
    if isinstance(parent, ast.For | ast.AsyncFor | ast.While) and node in parent.body:
        return (node is try_node and any(isinstance(s, ast.Continue) for s in handler.body)) \
            or parent.body[-1] is node
    return False


DUCK_TYPING = frozenset({"AttributeError", "TypeError", "KeyError", "IndexError", "LookupError"})
""""This object does not have that shape": the EAFP way of asking, answered by a fallback."""


def skips_candidate(handler: ast.ExceptHandler, try_node: ast.Try | ast.TryStar,
                    parents: dict[ast.AST, ast.AST]) -> bool:
    """A narrow silent handler directly in a ``for`` body: this item failed, go on with
    the next (a process that vanished, a key that is missing, a line that is not a number)."""
    parent = parents.get(try_node)
    return isinstance(parent, ast.For | ast.AsyncFor) and try_node in parent.body and all(
        isinstance(s, ast.Pass | ast.Continue) for s in handler.body)


def has_success_branch(try_node: ast.Try | ast.TryStar) -> bool:
    """``try: ... except E: pass else: <work>``: the else clause is what happens when the
    attempt worked; a failed attempt skips it on purpose. (An else that raises is an
    expected-exception check, judged on its own.)"""
    return bool(try_node.orelse) and not any(
        isinstance(n, ast.Raise) for s in try_node.orelse for n in ast.walk(s))


def duck_typing_fallback(names: list[str], try_node: ast.Try | ast.TryStar,
                         parents: dict[ast.AST, ast.AST]) -> bool:
    """``try: return obj.value except AttributeError: pass`` followed by another way to
    get the answer: asking an object for a shape it may not have (or a string for a format
    it may not be in: ``try: return float(v) except ValueError: pass`` then the next
    parser), then falling back."""
    if not names or not all(n in DUCK_TYPING | MISS_EXCEPTIONS for n in names):
        return False
    returns = any(isinstance(n, ast.Return) for s in try_node.body for n in ast.walk(s))
    return returns and _next_statement(try_node, parents) is not None


ABSENT = {"remove": {"ValueError", "KeyError"}, "discard": {"KeyError"},
          "pop": {"KeyError", "IndexError"}, "delattr": {"AttributeError"},
          "unregister": {"KeyError", "ValueError"}, "__delitem__": {"KeyError"},
          "del": {"KeyError", "IndexError", "AttributeError", "NameError"}}
"""Removal operations and the exception each raises when the thing is already gone."""


LOOKUP_MISSES = frozenset({"KeyError", "IndexError", "LookupError"})


def lookup_or_none(names: list[str], try_node: ast.Try | ast.TryStar,
                   parents: dict[ast.AST, ast.AST]) -> bool:
    """``try: return table[key] except KeyError: pass`` as the last statement of a function:
    ``dict.get`` written out. The body is one ``return`` of a subscript, the handler catches
    only the lookup's miss, and the function then returns None, which is its answer for
    "not there" (the caller checks it, as it would check ``dict.get``)."""
    if not names or not all(n in LOOKUP_MISSES | {"Empty"} for n in names) or \
            len(try_node.body) != 1:
        return False
    ret = try_node.body[0]
    if not isinstance(ret, ast.Return):
        return False
    looked_up = ret.value
    if isinstance(looked_up, ast.Call) and looked_up.args:  # dict(self[name]), copy(d[k])
        looked_up = looked_up.args[0]
    elif isinstance(looked_up, ast.Call) and "Empty" in names and called_name(looked_up) in {
            "get_nowait", "popleft", "pop"} and isinstance(looked_up.func, ast.Attribute):
        looked_up = looked_up.func.value  # queues[key].get_nowait(): no queue, or nothing in it
    if not isinstance(looked_up, ast.Subscript):
        return False
    parent = parents.get(try_node)
    return isinstance(parent, ast.FunctionDef | ast.AsyncFunctionDef) and \
        parent.body[-1] is try_node


def removes_if_present(names: list[str], try_node: ast.Try | ast.TryStar) -> bool:
    """``try: del d[key] except KeyError: pass`` (``list.remove`` / ValueError, ``delattr`` /
    AttributeError): the body only removes something, and the handler catches exactly the
    "it was not there" error of that removal. Removing what is already gone is done."""
    if not names or not try_node.body:
        return False
    allowed: set[str] = set()
    for stmt in try_node.body:
        if isinstance(stmt, ast.Delete):
            allowed |= ABSENT["del"]
        elif isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) and \
                called_name(stmt.value) in ABSENT:
            allowed |= ABSENT[called_name(stmt.value)]
        elif isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Subscript) and \
                stmt is not try_node.body[-1]:
            allowed |= {"KeyError"}  # `x, _ = index[q]; other.pop(x)`: find it, then remove it
        else:
            return False
    return bool(allowed) and all(n in allowed for n in names)


def tries_candidates(handler: ast.ExceptHandler, try_node: ast.Try | ast.TryStar,
                     parents: dict[ast.AST, ast.AST]) -> bool:
    """``for c in candidates: try: return use(c) except E: pass`` then a fallback: the first
    candidate that works wins, a failing one is skipped, and the loop's end handles "none"."""
    loop = None
    for anc in ancestors(try_node, parents):
        if isinstance(anc, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
            break
        if isinstance(anc, ast.For | ast.AsyncFor):
            loop = anc
            break
    if loop is None or not all(isinstance(s, ast.Pass | ast.Continue) for s in handler.body):
        return False
    wins = any(isinstance(n, ast.Return | ast.Break) for s in try_node.body
               for n in ast.walk(s))
    return wins and _next_statement(loop, parents) is not None


def result_checked_later(try_node: ast.Try | ast.TryStar,
                         parents: dict[ast.AST, ast.AST]) -> bool:
    """The handler's outcome is used: the try assigns a name and the statement right
    after the try tests that name (``if x is None: fallback``) or returns it with a fallback
    (``return app or current_app``), so a failed attempt is noticed and handled there."""
    assigned = {t.id for s in try_node.body for n in ast.walk(s) if isinstance(n, ast.Assign)
                for t in n.targets if isinstance(t, ast.Name)}
    if not assigned:
        return False
    after = _next_statement(try_node, parents)
    parent = parents.get(try_node)
    if after is None and isinstance(parent, ast.If) and try_node is parent.body[-1]:
        after = _next_statement(parent, parents)  # `if args: try: x = f(args) ...` then `if x`
    if isinstance(after, ast.Return) and isinstance(after.value, ast.BoolOp | ast.IfExp):
        # `return app or current_app`: the fallback is taken when the try did not assign
        return any(isinstance(n, ast.Name) and n.id in assigned for n in ast.walk(after.value))
    if not isinstance(after, ast.If | ast.While):
        return False
    return any(isinstance(n, ast.Name) and n.id in assigned for n in ast.walk(after.test))


def _fails(stmt: ast.stmt) -> bool:
    """``raise``, ``assert False``, ``fail(...)``, ``self.assertTrue(False)``: a statement
    that reports a failure whenever it runs."""
    if isinstance(stmt, ast.Raise):
        return True
    if isinstance(stmt, ast.Assert):
        return isinstance(stmt.test, ast.Constant) and not stmt.test.value
    if not (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)):
        return False
    name = called_name(stmt.value)
    if name in {"fail", "assertFail"}:
        return True
    return name in {"assertTrue", "assert_"} and any(  # self.assertTrue(False)
        isinstance(a, ast.Constant) and a.value is False for a in stmt.value.args)


def _catches_assertion(handler: ast.ExceptHandler) -> bool:
    """The handler would also catch the AssertionError of a failing check (bare, broad, or
    naming AssertionError)."""
    return bool({"BaseException", "Exception", "AssertionError"} & _caught_names(handler))


def expects_exception(try_node: ast.Try | ast.TryStar,
                      handler: ast.ExceptHandler | None = None) -> bool:
    """An expected-exception check: the code fails when nothing is raised, so the silent
    handler is its success path.

    ``try: call(); raise/fail(...) except E: pass`` (the body's last statement fails), or
    ``try: call() except E: pass else: raise AssertionError(...)`` (the ``else:`` fails).
    A failing last statement only counts when ``handler`` cannot swallow that failure
    itself: ``try: f(); assert False except Exception: pass`` catches its own
    AssertionError and can never fail, unless an earlier handler of the same try
    re-raises AssertionError (``except AssertionError: raise``)."""
    if not try_node.body:
        return False
    if try_node.orelse and _fails(try_node.orelse[-1]):
        return True
    last = try_node.body[-1]
    if not _fails(last):
        return False
    if isinstance(last, ast.Raise) or handler is None or not _catches_assertion(handler):
        return True
    for earlier in try_node.handlers:
        if earlier is handler:
            break
        if "AssertionError" in _caught_names(earlier) and any(
                isinstance(s, ast.Raise) for s in earlier.body):
            return True
    return False


def raises_only(try_node: ast.Try | ast.TryStar) -> bool:
    """The try body is nothing but a ``raise``: the handler can only catch what the code
    raised itself on purpose (a test provoking an error to check the cleanup after it)."""
    return bool(try_node.body) and all(isinstance(s, ast.Raise) for s in try_node.body)


def checked_after_in_test(try_node: ast.Try | ast.TryStar, parents: dict[ast.AST, ast.AST],
                          *, is_test: bool) -> bool:
    """In a test file, the function asserts after the try: the test provokes the error to
    check what it left behind (a mock's call, a counter, the time it took), and that check
    can fail. (An expected-exception check with nothing after it is DT211's business.)"""
    if not is_test:
        return False
    fn = enclosing_function(try_node, parents)
    if fn is None:
        return False
    end = try_node.end_lineno or try_node.lineno
    for node in ast.walk(fn):
        if getattr(node, "lineno", 0) <= end:
            continue
        if isinstance(node, ast.Assert):
            return True
        if isinstance(node, ast.Call) and called_name(node).startswith(("assert", "fail")):
            return True
    return False


def releases_only(try_node: ast.Try | ast.TryStar) -> bool:
    """The try body is one call that lets go of something (``server.stop()``,
    ``conn.close()``, ``proc.kill()``): best-effort release, wherever it stands, since a
    failed release leaves nothing the program could still do about it."""
    if len(try_node.body) != 1:
        return False
    stmt = try_node.body[0]
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Await):
        stmt = ast.Expr(value=stmt.value.value)
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) and \
        called_name(stmt.value) in RELEASE_CALLS


RELEASE_CALLS = frozenset({"close", "aclose", "kill", "terminate", "shutdown", "cancel", "stop",
                           "release", "disconnect", "detach", "quit", "destroy", "dispose",
                           "killpg", "send_signal", "__exit__"})
"""Calls that let go of a resource (removals are judged by the "already gone" rules, which
also check that the caught error is the one meaning "not there")."""


def guards_a_check(names: list[str], try_node: ast.Try | ast.TryStar) -> bool:
    """``try: if value in choices: raise ValidationError(...) except TypeError: pass``: the
    try body is a validation that raises; a narrow duck-typing error means the check does
    not apply to this value (unhashable, not comparable), not that something failed."""
    if not names or not all(n in DUCK_TYPING for n in names) or len(try_node.body) != 1:
        return False
    stmt = try_node.body[0]
    return isinstance(stmt, ast.If) and not stmt.orelse and all(
        isinstance(s, ast.Raise) for s in stmt.body)


DELETE_FUNCTION = re.compile(r"(^|_)(rm|remove|delete|unlink|rmtree|rmpath|purge|cleanup|"
                             r"clean_up|discard|erase)(_|$)")
"""Function names whose whole job is removing something; "already gone" is their success."""


def in_delete_function(try_node: ast.Try | ast.TryStar, parents: dict[ast.AST, ast.AST]) -> bool:
    """The try sits in a function named for deleting (``safe_rmpath``, ``remove_file``,
    ``unlink``): a "not there" error from the removal it wraps means the job is done."""
    fn = enclosing_function(try_node, parents)
    return fn is not None and bool(DELETE_FUNCTION.search(fn.name.lower()))


def _runs_until_stopped(try_node: ast.Try | ast.TryStar) -> bool:
    """The try body is a loop or a ``serve_forever()``: work with no end of its own, which
    cancelling is the designed way to stop, so catching that cancellation is where the task
    winds down (gunicorn's control server, a connection's request loop)."""
    return any(isinstance(n, ast.While) or (isinstance(n, ast.Call) and called_name(n) in {
        "serve_forever", "run_forever"}) for s in try_node.body for n in ast.walk(s))


def cancellation_is_not_ours(try_node: ast.Try | ast.TryStar,
                             parents: dict[ast.AST, ast.AST]) -> bool:
    """The CancelledError a silent handler catches is not an order to stop this code.

    Either the try body does not wait (no ``await``, ``async for``/``async with``), so the
    error comes from asking a cancelled future for its result (``future.exception()``); or it
    runs until stopped (a loop, ``serve_forever()``), and cancelling is how it is stopped;
    or ``task.cancel()`` comes earlier in the function and the try awaits that task, the
    documented way to wait for a task one cancelled. Otherwise the cancellation was meant
    for this coroutine, and swallowing it turns "stop" into "carry on"."""
    waits = any(isinstance(n, ast.Await | ast.AsyncFor | ast.AsyncWith)
                for s in try_node.body for n in ast.walk(s))
    if not waits or _runs_until_stopped(try_node):
        return True
    fn = enclosing_function(try_node, parents)
    scope: list[ast.stmt] = fn.body if fn is not None else []
    return any(isinstance(n, ast.Call) and called_name(n) == "cancel"
               and getattr(n, "lineno", 0) <= try_node.lineno
               for s in scope for n in ast.walk(s))


def cleanup_before_reraise(try_node: ast.Try | ast.TryStar,
                           parents: dict[ast.AST, ast.AST]) -> bool:
    """The try sits in an outer ``except`` that ends in a bare ``raise``: the failure being
    handled propagates anyway, and this narrow handler only keeps a cleanup step on the way
    out (``remove_reader`` of a cancelled accept) from replacing it with a secondary error."""
    child: ast.AST = try_node
    for anc in ancestors(try_node, parents):
        if isinstance(anc, ast.ExceptHandler):
            last = anc.body[-1]
            return child in anc.body and isinstance(last, ast.Raise) and last.exc is None
        if isinstance(anc, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
            return False
        child = anc
    return False


def suppressing_context_manager(try_node: ast.Try | ast.TryStar,
                                parents: dict[ast.AST, ast.AST]) -> bool:
    """``@contextmanager def suppressed_cache_errors(): try: yield except OSError: pass``:
    a hand-written ``contextlib.suppress(OSError)``. The function exists to ignore that one
    error for the blocks that opt in with ``with``; like a narrow ``suppress`` it says so."""
    fn = enclosing_function(try_node, parents)
    if fn is None or len(try_node.body) != 1:
        return False
    stmt = try_node.body[0]
    if not (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Yield)
            and stmt.value.value is None):
        return False
    return any((ast.unparse(d).rsplit(".", 1)[-1]) in {"contextmanager", "asynccontextmanager"}
               for d in fn.decorator_list)


def raises_it_itself(handler: ast.ExceptHandler, try_node: ast.Try | ast.TryStar) -> bool:
    """The try body raises the very class the handler catches: deliberate control flow
    (a test checking cleanup after an exception, an early exit from nested loops)."""
    if handler.type is None:
        return False
    caught = {ast.unparse(e) for e in (handler.type.elts if isinstance(handler.type, ast.Tuple)
                                       else [handler.type])}
    for s in try_node.body:
        for n in ast.walk(s):
            if isinstance(n, ast.Raise) and n.exc is not None:
                exc = n.exc.func if isinstance(n.exc, ast.Call) else n.exc
                if ast.unparse(exc) in caught:
                    return True
    return False


def in_finalizer(handler: ast.ExceptHandler, try_node: ast.Try | ast.TryStar,
                 parents: dict[ast.AST, ast.AST]) -> bool:
    """Best-effort cleanup: the try releases resources inside a finalizer-like function.

    ``__del__`` may run during interpreter shutdown, when anything can fail and
    nothing can be reported; ``close``/``__exit__``/``shutdown`` whose try body
    only releases things (close, kill, unlink, cancel, ...) must not let a
    failed release hide the error that triggered the cleanup.
    """
    fn = enclosing_function(try_node, parents)
    calls = [n for s in try_node.body for n in ast.walk(s) if isinstance(n, ast.Call)]
    deletes = [s for s in try_node.body if isinstance(s, ast.Delete)]
    only_cleanup = bool(calls or deletes) and all(
        called_name(c) in CLEANUP_CALLS or called_name(c) in FINALIZERS
        for c in calls if not _is_argument(c, calls))
    if only_cleanup and _in_finally(try_node, parents):
        return True  # best-effort cleanup after the real work already succeeded or failed
    if fn is not None and TEARDOWN_NAME.match(fn.name) and handler.type is not None \
            and not _caught_names(handler) & {"Exception", "BaseException"}:
        return True  # a test's teardown: what is left to remove may already be gone
    if fn is None or fn.name not in FINALIZERS:
        return False
    if fn.name == "__del__":
        return True
    caught = _caught_names(handler)
    if caught and not caught & RELEASE_ERRORS:
        return False
    narrow = "BaseException" not in caught and "Exception" not in caught
    return narrow or only_cleanup


TEARDOWN_NAME = re.compile(r"^(teardown|tearDown|tear_down)(_\w+|Class|Module|Method)?$")
"""pytest's and unittest's teardown hooks (``teardown_method``, ``tearDownClass``): they undo
what the test set up, and a resource the test already removed raises the library's own "not
found" error (``docker.errors.APIError``), which is the teardown's success."""


def _in_finally(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    child = node
    for anc in ancestors(node, parents):
        if isinstance(anc, ast.Try | ast.TryStar) and child in anc.finalbody:
            return True
        if isinstance(anc, ast.FunctionDef | ast.AsyncFunctionDef):
            return False
        child = anc
    return False


RELEASE_ERRORS = frozenset({"Exception", "BaseException", "OSError", "IOError", "EnvironmentError",
                            "error", "Error", "ProcessLookupError", "ConnectionError",
                            "BrokenPipeError", "RuntimeError", "socket.error", "SSLError"})
"""What releasing a resource raises (a KeyError in close() is a bookkeeping bug, not a release)."""


def _caught_names(handler: ast.ExceptHandler) -> set[str]:
    if handler.type is None:
        return {"BaseException"}
    elts = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return {ast.unparse(e).split(".")[-1] for e in elts}


def _is_argument(call: ast.Call, calls: list[ast.Call]) -> bool:
    """True when ``call`` is nested inside another call of ``calls`` (an argument)."""
    return any(call is not other and any(call is n for n in ast.walk(other)) for other in calls)


def is_probe(handler: ast.ExceptHandler, try_node: ast.Try | ast.TryStar,
             parents: dict[ast.AST, ast.AST], *, broad: bool = False) -> bool:
    """A capability probe whose answer is used: try something, answer True, else False.

    The handler returns False/None (or assigns a flag) in a function whose name
    asks a question (``is_*``, ``has_*``, ``supports_*``, ``*_available``), and
    the try body answers the same question with a value (``return True``,
    ``return x``). The caller branches on the answer; nothing is hidden. For a
    broad handler (``broad=True``) the question must be about the environment
    (`CAPABILITY_NAME`: ``has_*``, ``supports_*``, ``*_available``).
    """
    fn = enclosing_function(try_node, parents)
    if fn is None:
        return False
    body_returns = [n for s in try_node.body for n in ast.walk(s) if isinstance(n, ast.Return)]
    body_returns += [n for s in try_node.orelse for n in ast.walk(s) if isinstance(n, ast.Return)]
    if is_predicate(handler, try_node):
        return True
    if not PROBE_NAME.search(fn.name):
        return False
    if broad and not CAPABILITY_NAME.search(fn.name) and not (
            IS_NAME.search(fn.name) and body_returns
            and all(_yes_no(r.value) for r in body_returns)):
        return False
    if all(isinstance(s, ast.Pass) for s in handler.body) and body_returns and all(
            _yes_no(r.value) for r in body_returns) and _falls_through_to_no(try_node, fn):
        return True  # try: ...; return True  except OSError: pass  ...  return False
    rets = [s for s in handler.body if isinstance(s, ast.Return)]
    safe = SAFE_NAME.search(fn.name) is not None
    if not rets or not all(r.value is None or (isinstance(r.value, ast.Constant) and (
            safe or r.value.value in (False, None, 0, ""))) for r in rets):
        return False
    return any(r.value is not None for r in body_returns)


def is_predicate(handler: ast.ExceptHandler, try_node: ast.Try | ast.TryStar) -> bool:
    """A yes/no question whatever the function is called: the try is one ``return`` of a
    comparison, a negation or a boolean combination, and the handler's only statement returns
    a bool (``try: return not hasattr(obj, "__name__") except Exception: return True``): the
    question itself raised, "could not tell" is answered in the same terms, and the caller
    branches on it. A try that does work first (opens, imports, uploads) and reports
    ``return True`` is a status flag, not a question, and stays reported."""
    if len(try_node.body) != 1 or not isinstance(try_node.body[0], ast.Return):
        return False
    value = try_node.body[0].value
    if not _yes_no(value) or isinstance(value, ast.Constant):
        return False
    return len(handler.body) == 1 and isinstance(handler.body[0], ast.Return) and isinstance(
        handler.body[0].value, ast.Constant) and isinstance(handler.body[0].value.value, bool)


def _falls_through_to_no(try_node: ast.stmt, fn: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """The function's last statement returns False/None and comes after ``try_node``: a
    handler that passes answers "no" by falling through to it."""
    last = fn.body[-1]
    return isinstance(last, ast.Return) and last.lineno > (try_node.end_lineno or 0) and (
        last.value is None or (isinstance(last.value, ast.Constant)
                               and last.value.value in (False, None)))


IS_NAME = re.compile(r"^_*is_")
SAFE_NAME = re.compile(r"^_*safe_|_safe$")
"""``safe_str``/``safe_repr``: the name promises a placeholder instead of an exception."""


def _yes_no(value: ast.AST | None) -> bool:
    """A comparison, a negation, a boolean combination or a bool constant: the try answers
    yes or no (``return obj.__repr__.__code__.co_filename in files``), so "could not tell"
    answered as False by a broad handler is the same question, not a hidden failure."""
    return isinstance(value, ast.Compare | ast.BoolOp) or (
        isinstance(value, ast.UnaryOp) and isinstance(value.op, ast.Not)) or (
        isinstance(value, ast.Constant) and isinstance(value.value, bool))


def is_main_guarded(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """Inside ``if __name__ == "__main__":``."""
    return any(isinstance(a, ast.If) and "__name__" in ast.unparse(a.test)
               for a in ancestors(node, parents))


def after_fork(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """In a function that calls ``os.fork``/``pty.fork`` (the child must leave with _exit)."""
    fn = enclosing_function(node, parents)
    scope: ast.AST = fn if fn is not None else next(
        (a for a in ancestors(node, parents) if isinstance(a, ast.Module)), node)
    return any(isinstance(n, ast.Call) and called_name(n) in {"fork", "forkpty", "daemonize",
                                                               "_fork", "fork_exec"}
               for n in ast.walk(scope))


def comments_near(src_comments: dict[int, list[str]], first: int, last: int) -> str:
    """All comment text on lines ``first-1..last`` joined (for reason heuristics)."""
    return " ".join(c for ln in range(first - 1, last + 1) for c in src_comments.get(ln, []))
