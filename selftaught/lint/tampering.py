"""Test tampering (DT201-DT209): changes that stop a test suite from reporting failures.

Why these rules: an agent graded by tests can make the grade green without
making the code right: skip or xfail the failing test, assert something
constant, drop the assertion, exit the process before pytest reports, rewrite
the outcome in a hook, deselect tests, or make the production code behave
differently under pytest. Each shape is checked structurally (AST), with
pytest names resolved through imports (``from pytest import mark`` counts).
Skips and xfails that carry a reason, and skips on a real condition, are the
legitimate versions and are left alone (except newly added unconditional skips
in diff mode).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import PurePath

from selftaught.lint.context import ancestors, called_name, checked_after_in_test
from selftaught.lint.source import Finding, Source, is_truthy_constant, walk_functions

ASSERTISH = ("assert", "check", "verify", "expect", "validate", "should", "raises", "warns",
             "fail", "snapshot", "match_lines", "fnmatch")
"""Substrings of a called name that count as "this test checks something"."""

DELEGATED = re.compile(r"^_+test|^(do|run)_test")
"""``self._test_common(env)``: a shared test body the test hands its fixture to (defined in
a base class or elsewhere in the suite, where its assertions are)."""

FAILURE_REASON = re.compile(
    r"\b(fail\w*|broken|bug\w*|buggy|flak\w*|hang\w*|crash\w*|fixme|xxx|wrong|unreliabl\w*|"
    r"incorrect|regression|temporar\w*|disabled|god knows|race|intermittent\w*|unstable|"
    r"sometimes|randomly|does ?n[o']t work|do ?n[o']t work|not working|needs? (a )?fix\w*|"
    r"broke|differ\w*|different behaviou?r|behaves differently|inconsistent\w*|deadlock\w*|"
    r"locks? up|weird\w*|strange\w*|(does ?n[o']t|doesn't) make sense|times? out|timed out)\b|"
    r"#\d+|\bissues?\b|\bgh-\d+|/issues/\d+",
    re.IGNORECASE)
"""Words in a skip/xfail reason that describe a failure of the code under test ("different
behaviour on windows" says the code does not do the same thing everywhere it runs)."""

TEMPORARY_REASON = re.compile(
    r"\b(todo|fixme|tbd|for now|god knows)\b|"
    r"\b(only|just) works\b[^.;]*\b(in|on) (the )?ci\b|\bworks only\b[^.;]*\b(in|on) (the )?ci\b",
    re.IGNORECASE)
"""Reasons that say the skip is a placeholder for work not done ("TODO", "for now") or that the
test passes only on the CI machine. No condition excuses these: the reason itself says the
test is off until someone fixes something."""

# Platform and CI names (windows, macos, pypy, travis, ...) are deliberately *not* in
# EXTERNAL_REASON: a skip because of one is fine ("no manpages on windows"), but "fails /
# unreliable / broken on <platform>" is a failure of the code on a platform it supports.
EXTERNAL_REASON = re.compile(
    r"\b(cpython|jython|ironpython|graalpy|python ?\d|py\d+|interpreter|version|"
    r"\d+\.\d+[\w.+]*|"
    r"installed|install|requires?|required|requirement|missing|not (present|available|found)|"
    r"unavailable|available|network|internet|offline|online|root|sudo|privileges?|"
    r"permissions?|docker|gpu|cuda|display|x11|tty|terminal|"
    r"environment|env var\w*|platform|arch\w*|\d+-?bit|locale|timezone|ssl|openssl|"
    r"tls\w*|ipv6|ipv4|upstream|third.party|optional|dependency|dependencies|slow|"
    r"expensive|manual\w*|interactive|credentials?|api.?key|token|server|database|redis|"
    r"mongo\w*|postgres\w*|mysql|sqlite|backend|broker|rabbitmq|amqp|module|package|"
    r"library|plugin|support(s|ed)?|unsupported|only (on|with|for|runs|works)|"
    r"hardware|kernel|filesystem|symlinks?|encoding|unicode|utf-?8|ascii|pytest \d|"
    r"(numpy|pandas|torch|tensorflow|jax|mock|asyncio|futures|twisted|gevent|eventlet|"
    r"trio|curio|brotli|zstd|socks|pyopenssl|cryptography|ipython|jupyter|ipykernel|qt|"
    r"tk|tkinter|matplotlib|pil|pillow|pytest|xdist|zmq)\w*)\b", re.IGNORECASE)
"""Words that name a condition outside the code under test (interpreter version, tool,
dependency, service) -- these excuse even a failure word ("fails on Python 3.13.dev")."""

SKIP_CALLS = frozenset({"pytest.mark.skip", "pytest.mark.skipif", "pytest.mark.xfail",
                        "pytest.skip", "pytest.xfail", "unittest.skip", "unittest.skipIf",
                        "unittest.skipUnless", "skipTest", "unittest.SkipTest", "SkipTest"})

EXIT_CALLS = frozenset({"sys.exit", "os._exit", "exit", "quit", "os.abort", "os.kill"})
OUTCOME_ATTRS = frozenset({"outcome", "longrepr", "exitstatus", "wasxfail", "testsfailed"})


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _has_reason(call: ast.Call) -> bool:
    for kw in call.keywords:
        if kw.arg in {"reason", "msg"}:
            return not (isinstance(kw.value, ast.Constant) and not kw.value.value)
    return any((isinstance(a, ast.Constant) and isinstance(a.value, str) and a.value.strip())
               or isinstance(a, ast.JoinedStr | ast.BinOp | ast.Name | ast.Call)
               for a in call.args)


def check(src: Source, *, diff_mode: bool = False) -> Iterator[Finding]:
    """All test-tampering rules for one file."""
    parents = _parents(src.tree)
    yield from _marks_and_skips(src, parents, diff_mode)
    yield from _skip_reasons(src)
    for node in ast.walk(src.tree):
        if isinstance(node, ast.Assert) and _always_true(node.test):
            yield src.finding("DT203", node, ast.unparse(node.test))
    if src.is_test:
        name = PurePath(src.path).name
        if name.startswith("test_") or name.endswith("_test.py"):  # where pytest collects
            yield from _tests_without_assertions(src, parents)
            yield from _vacuous_tests(src, parents)
        yield from _exits_and_hooks(src, parents)
    else:
        yield from _detects_pytest(src)
    yield from _outcome_hooks(src)


_LITERAL_NODES = (ast.Constant, ast.Compare, ast.cmpop, ast.BoolOp, ast.boolop, ast.UnaryOp,
                  ast.unaryop, ast.Tuple, ast.List, ast.Load)


def _always_true(test: ast.expr) -> bool:
    """``True``, ``1``, ``"x"``, ``1 == 1``, ``not False``: made only of literals, and truthy."""
    if is_truthy_constant(test):
        return True
    if not all(isinstance(n, _LITERAL_NODES) for n in ast.walk(test)):
        return False
    try:  # literals, comparisons and boolean operators only: nothing to execute but those
        code = compile(ast.Expression(test), "<assert>", "eval")
        return bool(eval(code, {"__builtins__": {}}))
    except (TypeError, ValueError, ArithmeticError):
        return False


def _marks_and_skips(
    src: Source, parents: dict[ast.AST, ast.AST], diff_mode: bool
) -> Iterator[Finding]:
    for node in ast.walk(src.tree):
        if isinstance(node, ast.Call):
            name = src.qualname(node.func)
            if name == "pytest.mark.skip":
                if diff_mode or not _has_reason(node):
                    yield src.finding("DT201", node, "pytest.mark.skip")
                elif node.args and _looks_like_condition(node.args[0]):
                    # skip() takes no condition: the string is the reason, the skip is always on
                    yield src.finding("DT201", node, f"skip({ast.unparse(node.args[0])}) is "
                                      "unconditional (a condition needs skipif)")
            elif name == "pytest.mark.skipif":
                cond = node.args[0] if node.args else next(
                    (kw.value for kw in node.keywords if kw.arg == "condition"), None)
                if cond is not None and is_truthy_constant(cond) and not _condition_string(cond):
                    yield src.finding("DT201", node, f"skipif({ast.unparse(cond)})")
            elif name == "pytest.mark.xfail":
                if not any(kw.arg == "reason" for kw in node.keywords) and not (
                        _is_strict(node) and src.comments.get(node.lineno)):
                    yield src.finding("DT202", node)
            elif name in {"pytest.skip", "pytest.xfail"}:
                rule_id = "DT201" if name == "pytest.skip" else "DT202"
                guard = _guarding_if(node, parents)
                if not _has_reason(node):
                    yield src.finding(rule_id, node, f"{name}() without a message")
                elif guard is not None and is_truthy_constant(guard.test):
                    yield src.finding(rule_id, node, f"{name} under `if {ast.unparse(guard.test)}`")
                elif diff_mode and guard is None and rule_id == "DT201" and _in_test_body(
                        node, parents):
                    yield src.finding(rule_id, node, "unconditional skip added")
        elif isinstance(node, ast.Attribute):
            name = src.qualname(node)
            parent = parents.get(node)
            if isinstance(parent, ast.Call) and parent.func is node:
                continue
            if name == "pytest.mark.skip":
                yield src.finding("DT201", node, "bare @pytest.mark.skip")
            elif name in {"pytest.mark.xfail", "unittest.expectedFailure"}:
                yield src.finding("DT202", node)


def _reason_given(call: ast.Call) -> bool:
    """An xfail's reason is its ``reason=`` (``pytest.mark.xfail``: a positional string is
    the condition); the imperative ``pytest.xfail("why")`` takes it positionally."""
    return any(kw.arg == "reason" for kw in call.keywords) or (
        bool(call.args) and _string_of(call.args[0]) is not None
        and not any(kw.arg == "condition" for kw in call.keywords)
        and not _looks_like_condition(call.args[0]))


def _looks_like_condition(node: ast.AST) -> bool:
    """``"sys.version_info < (3,6)"``: a string pytest would evaluate as a condition."""
    text = _string_of(node)
    if not text:
        return False
    try:
        expr = ast.parse(text.strip(), mode="eval")
    except SyntaxError:
        return False
    return any(isinstance(n, ast.Compare | ast.BoolOp) for n in ast.walk(expr)) or (
        isinstance(expr.body, ast.Attribute | ast.Call | ast.UnaryOp))


def _condition_string(cond: ast.AST) -> bool:
    """``skipif("not has_pytz")``: pytest evaluates a string condition as an expression,
    so a string that names something is a real condition, not an always-true constant."""
    if not (isinstance(cond, ast.Constant) and isinstance(cond.value, str)):
        return False
    try:
        expr = ast.parse(cond.value.strip(), mode="eval")
    except SyntaxError:
        return False
    return any(isinstance(n, ast.Name | ast.Attribute) for n in ast.walk(expr))


def _is_strict(call: ast.Call) -> bool:
    return any(k.arg == "strict" and isinstance(k.value, ast.Constant) and k.value.value is True
               for k in call.keywords)


def _guarding_if(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> ast.If | None:
    for anc in ancestors(node, parents):
        if isinstance(anc, ast.If):
            return anc
        if isinstance(anc, ast.FunctionDef | ast.AsyncFunctionDef | ast.ExceptHandler):
            return None
    return None


def _in_test_body(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    for anc in ancestors(node, parents):
        if isinstance(anc, ast.FunctionDef | ast.AsyncFunctionDef):
            return anc.name.startswith("test")
        if isinstance(anc, ast.Try | ast.With):
            return False
    return False


def _asserting_functions(src: Source) -> set[str]:
    """Names of functions in this module that (transitively) assert something."""
    funcs = walk_functions(src.tree)
    calls: dict[str, set[str]] = {}
    asserting: set[str] = set()
    for fn in funcs:
        called: set[str] = set()
        body = ast.Module(body=fn.body, type_ignores=[])  # decorators are not checks
        for node in ast.walk(body):
            if isinstance(node, ast.Assert | ast.Raise):
                asserting.add(fn.name)
            elif isinstance(node, ast.Call):
                name = called_name(node)
                if any(word in name.lower() for word in ASSERTISH) or DELEGATED.match(name):
                    asserting.add(fn.name)
                called.add(name)
        calls[fn.name] = calls.get(fn.name, set()) | called
    changed = True
    while changed:
        changed = False
        for name, called in calls.items():
            if name not in asserting and called & asserting:
                asserting.add(name)
                changed = True
    return asserting


def _is_skipped_or_fixture(fn: ast.FunctionDef | ast.AsyncFunctionDef, src: Source) -> bool:
    for dec in fn.decorator_list:
        target = dec.func if isinstance(dec, ast.Call) else dec
        name = src.qualname(target) or ""
        if name in {"pytest.mark.skip", "pytest.fixture", "unittest.skip"} or name.endswith(
                ".fixture"):
            return True
    return False


def _tests_without_assertions(
    src: Source, parents: dict[ast.AST, ast.AST]
) -> Iterator[Finding]:
    asserting = _asserting_functions(src)
    for fn in walk_functions(src.tree):
        if not fn.name.startswith("test") or fn.name in asserting:
            continue
        parent = parents.get(fn)
        if not isinstance(parent, ast.Module | ast.ClassDef):
            continue
        if isinstance(parent, ast.ClassDef) and not isinstance(parents.get(parent), ast.Module):
            continue  # a class defined inside a test is test data, not a test pytest collects
        if _is_skipped_or_fixture(fn, src):
            continue
        yield src.finding("DT204", fn, fn.name)


def _exits_and_hooks(src: Source, parents: dict[ast.AST, ast.AST]) -> Iterator[Finding]:
    for node in ast.walk(src.tree):
        if isinstance(node, ast.Call) and src.qualname(node.func) in EXIT_CALLS - {"os.kill"}:
            if not _exit_is_expected(node, src, parents):
                yield src.finding("DT205", node, ast.unparse(node.func))
        elif isinstance(node, ast.Raise) and node.exc is not None:
            exc = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            if src.qualname(exc) == "SystemExit" and not _exit_is_expected(node, src, parents):
                yield src.finding("DT205", node, "raise SystemExit")
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if src.qualname(target) in {"sys.excepthook", "threading.excepthook"}:
                    yield src.finding("DT206", node)


def _exit_is_expected(node: ast.AST, src: Source, parents: dict[ast.AST, ast.AST]) -> bool:
    for anc in ancestors(node, parents):
        if isinstance(anc, ast.If) and "__name__" in ast.unparse(anc.test):
            return True
        if isinstance(anc, ast.With | ast.AsyncWith):
            for item in anc.items:
                expr = item.context_expr
                if isinstance(expr, ast.Call) and called_name(expr) in {"raises", "assertRaises"}:
                    return True
    return False


def _outcome_hooks(src: Source) -> Iterator[Finding]:
    for fn in walk_functions(src.tree):
        if not fn.name.startswith("pytest_"):
            continue
        for node in ast.walk(fn):
            if isinstance(node, ast.Assign | ast.AugAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for t in targets:
                    if isinstance(t, ast.Attribute) and t.attr in OUTCOME_ATTRS:
                        yield src.finding("DT207", node, f"sets .{t.attr}")
            elif isinstance(node, ast.Call):
                name = called_name(node)
                if name in {"force_result", "force_exception"}:
                    yield src.finding("DT207", node, name)
                elif name == "setattr" and len(node.args) >= 2 and isinstance(
                        node.args[1], ast.Constant) and node.args[1].value in OUTCOME_ATTRS:
                    yield src.finding("DT207", node, f"sets .{node.args[1].value}")
            elif isinstance(node, ast.ExceptHandler):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Call) and src.qualname(inner.func) in {
                            "pytest.skip", "pytest.xfail"}:
                        yield src.finding("DT207", inner, "turns an exception into a skip/xfail")
        if fn.name == "pytest_collection_modifyitems":
            yield from _deselection(fn, src)


def _deselection(fn: ast.FunctionDef | ast.AsyncFunctionDef, src: Source) -> Iterator[Finding]:
    populated: set[str] = set()
    for node in ast.walk(fn):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                node.func.attr in {"append", "extend", "insert", "add"} and \
                isinstance(node.func.value, ast.Name):
            populated.add(node.func.value.id)
        elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
            populated.add(node.target.id)
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.ListComp | ast.Call):
            populated.update(t.id for t in node.targets if isinstance(t, ast.Name))
    for node in ast.walk(fn):
        if isinstance(node, ast.Call) and called_name(node) == "pytest_deselected":
            arg = next((kw.value for kw in node.keywords if kw.arg == "items"),
                       node.args[0] if node.args else None)
            if arg is not None and (not isinstance(arg, ast.Name) or arg.id in populated):
                yield src.finding("DT208", node)
        elif isinstance(node, ast.Assign):
            for t in node.targets:
                if isinstance(t, ast.Subscript) and ast.unparse(t.value) == "items" and \
                        isinstance(node.value, ast.ListComp) and \
                        any(gen.ifs for gen in node.value.generators):
                    yield src.finding("DT208", node, "items filtered in place")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                ast.unparse(node.func.value) == "items" and \
                node.func.attr in {"remove", "pop", "clear"}:
            yield src.finding("DT208", node, f"items.{node.func.attr}()")
        elif isinstance(node, ast.Delete) and any(
                isinstance(t, ast.Subscript) and ast.unparse(t.value) == "items"
                for t in node.targets):
            yield src.finding("DT208", node, "del items[...]")


def _detects_pytest(src: Source) -> Iterator[Finding]:
    # selftaught: allow[DT209] the detector must name the variable it looks for
    marker = "PYTEST_CURRENT_TEST"
    for node in ast.walk(src.tree):
        if isinstance(node, ast.Constant) and node.value == marker:
            yield src.finding("DT209", node, marker)
        elif isinstance(node, ast.Compare) and isinstance(node.left, ast.Constant) and \
                isinstance(node.left.value, str) and "pytest" in node.left.value:
            right = " ".join(ast.unparse(c) for c in node.comparators)
            if "sys.modules" in right or "sys.argv" in right or \
                    any(src.qualname(c) in {"sys.modules", "sys.argv"} for c in node.comparators):
                yield src.finding("DT209", node, ast.unparse(node))
        elif _reads_called_from_test(node):
            yield src.finding("DT209", node, "sys._called_from_test")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                node.func.attr == "get" and src.qualname(node.func.value) == "sys.modules" and \
                node.args and isinstance(node.args[0], ast.Constant) and \
                "pytest" in str(node.args[0].value):
            yield src.finding("DT209", node, ast.unparse(node))


def _reads_called_from_test(node: ast.AST) -> bool:
    """``sys._called_from_test`` or ``hasattr/getattr(sys, "_called_from_test")``."""
    if isinstance(node, ast.Attribute):
        return node.attr == "_called_from_test"
    return (isinstance(node, ast.Call) and called_name(node) in {"hasattr", "getattr"}
            and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant)
            and node.args[1].value == "_called_from_test")


def _reason_text(call: ast.Call) -> str | None:
    """The reason string of a skip/xfail call (keyword or positional), if literal."""
    for kw in call.keywords:
        if kw.arg in {"reason", "msg"}:
            return _string_of(kw.value)
    for a in call.args:
        text = _string_of(a)
        if text is not None:
            return text
    return None


def _string_of(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value for v in node.values
                       if isinstance(v, ast.Constant) and isinstance(v.value, str))
    if isinstance(node, ast.BinOp):
        parts = [_string_of(node.left), _string_of(node.right)]
        return " ".join(p for p in parts if p)
    return None


def reason_hides_failure(reason: str) -> bool:
    """True when a skip reason describes a failure of the code rather than a condition.

    >>> reason_hides_failure("flaky on CI, see #123"), reason_hides_failure("requires numpy")
    (True, False)
    >>> reason_hides_failure("no manpages on windows"), reason_hides_failure("broken on OPENBSD")
    (False, True)
    >>> reason_hides_failure("this is broken"), reason_hides_failure("see #30")
    (True, True)
    >>> reason_hides_failure("TODO"), reason_hides_failure("Different behavior on windows.")
    (True, True)
    >>> reason_hides_failure("only works with cpython on ubuntu in ci")
    True
    """
    if TEMPORARY_REASON.search(reason):
        return True
    if not FAILURE_REASON.search(reason):
        return False
    return not EXTERNAL_REASON.search(reason)


PLATFORM_WORDS = re.compile(r"\b(platforms?|arch\w*)\b", re.IGNORECASE)
UNIMPLEMENTED = re.compile(r"\b(not (yet )?(implemented|handled|supported yet)|unimplemented|"
                           r"unfixed|not fixed)\b", re.IGNORECASE)


ISSUE_REFERENCE = re.compile(r"https?://\S+|#\d+|\bgh-\d+|\b(see )?issues?\b", re.IGNORECASE)
"""A bare pointer to a tracker (``#9298``, a bugs.python.org or GitHub URL): by itself it says
where the problem is discussed, not whose it is."""


def _version_condition(call: ast.Call) -> bool:
    """The skip's condition tests the interpreter's version (``sys.version_info``,
    ``PY38``-style flags, ``platform.python_version()``): a tracker reference in its reason
    then points at that interpreter's problem, which the condition names."""
    cond = call.args[0] if call.args else next(
        (kw.value for kw in call.keywords if kw.arg == "condition"), None)
    if cond is None or isinstance(cond, ast.Constant):
        return False
    leaves = [n.attr if isinstance(n, ast.Attribute) else n.id for n in ast.walk(cond)
              if isinstance(n, ast.Name | ast.Attribute)]
    return any(x in {"version_info", "python_version", "hexversion"}
               or re.fullmatch(r"PY_?\d+\w*", x) for x in leaves)


def xfail_hides_failure(reason: str) -> bool:
    """True when a non-strict xfail's reason names nothing outside the code under test.

    An xfail, unlike a skip, runs the test and expects it to fail: the failure is the code's
    unless the reason blames something else (an interpreter, an upstream tool, a missing
    module). "Not designed for Windows platform" blames nothing: on that platform the project's
    own code fails, so a platform word alone does not excuse an xfail; "not implemented"
    names the project's own missing work whatever else is said.

    >>> xfail_hides_failure("per-arg finalization does not respect order")
    True
    >>> xfail_hides_failure("scrypt unavailable on pypy")
    False
    >>> xfail_hides_failure("Test not designed for Windows platform")
    True
    >>> xfail_hides_failure("upgrade install not implemented")
    True
    """
    if UNIMPLEMENTED.search(reason) or reason_hides_failure(reason):
        return True
    return not EXTERNAL_REASON.search(PLATFORM_WORDS.sub(" ", reason))


def _skip_reasons(src: Source) -> Iterator[Finding]:
    """DT210: skips and xfails whose reason says the code under test fails."""
    for node in ast.walk(src.tree):
        if not isinstance(node, ast.Call):
            continue
        name = src.qualname(node.func) or ""
        short = name.rsplit(".", 1)[-1]
        if name not in SKIP_CALLS and short not in {"skipTest", "SkipTest"}:
            continue
        if _is_strict(node):
            continue  # a strict xfail fails the run as soon as the bug is fixed: self-policing
        reason = _reason_text(node)
        if reason and _version_condition(node) and not reason_hides_failure(
                ISSUE_REFERENCE.sub(" ", reason)):
            continue  # "3.9 on Windows, #9298": the interpreter's issue, named by the condition
        if reason and reason_hides_failure(reason):
            yield src.finding("DT210", node, repr(reason[:60]))
        elif reason and name in {"pytest.mark.xfail", "pytest.xfail"} and _reason_given(node) \
                and xfail_hides_failure(reason):
            yield src.finding("DT210", node, f"expected to fail, nothing outside the code "
                              f"named: {reason[:60]!r}")
        elif reason is not None and not reason.strip() and _only_on_ci(node):
            yield src.finding("DT210", node, "skipped on the CI machine with an empty reason")


CI_NAMES = re.compile(r"^(TRAVIS|CI|ON_CI|IN_CI|APPVEYOR|GITHUB_ACTIONS|CIRRUS|AZURE|"
                      r"JENKINS|GITLAB_CI|CIRCLECI|RUNNING_ON_CI)$", re.IGNORECASE)
"""Flags that say "this runs on the CI machine"."""


def _only_on_ci(call: ast.Call) -> bool:
    """``skipIf(TRAVIS, "")``: the condition is only "we are on CI" and the reason is empty.
    The CI machine is not a platform the code does not support: a test switched off there
    without a word is a test that fails there."""
    cond = call.args[0] if call.args else None
    if cond is None or isinstance(cond, ast.BoolOp | ast.Compare):
        return False  # "on CI and on Windows": a platform is named too
    leaves = [n.attr if isinstance(n, ast.Attribute) else n.id for n in ast.walk(cond)
              if isinstance(n, ast.Name | ast.Attribute)]
    return any(CI_NAMES.match(x) for x in leaves)


def _bound_to_literals(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """Local names whose every assignment in ``fn`` is a literal."""
    literal: dict[str, bool] = {}
    for node in ast.walk(fn):
        targets: list[ast.expr] = []
        value: ast.AST | None = None
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        elif isinstance(node, ast.AugAssign | ast.For | ast.With | ast.NamedExpr):
            names = [n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(
                n.ctx, ast.Store)]
            for n in names:
                literal[n] = False
            continue
        for t in targets:
            for leaf in ast.walk(t):
                if isinstance(leaf, ast.Name):
                    ok = value is not None and _is_literal_expr(value)
                    literal[leaf.id] = literal.get(leaf.id, True) and ok
    args = {a.arg for a in (*fn.args.posonlyargs, *fn.args.args, *fn.args.kwonlyargs)}
    return {n for n, ok in literal.items() if ok and n not in args}


def _is_literal_expr(node: ast.AST) -> bool:
    try:
        ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False
    return True


def _vacuous_tests(src: Source, parents: dict[ast.AST, ast.AST]) -> Iterator[Finding]:
    """DT211: tests whose assertions only compare their own constants, and expected-exception
    checks written as ``try: call() except E: pass`` with nothing that fails when no
    exception is raised."""
    for fn in walk_functions(src.tree):
        if not fn.name.startswith("test") or not isinstance(parents.get(fn),
                                                            ast.Module | ast.ClassDef):
            continue
        asserts = [n for n in ast.walk(fn) if isinstance(n, ast.Assert)]
        calls = [n for n in ast.walk(fn) if isinstance(n, ast.Call)]
        consts = _bound_to_literals(fn)
        if asserts and not calls and all(
                all(isinstance(n, ast.Constant | ast.Compare | ast.cmpop | ast.BoolOp | ast.boolop
                               | ast.UnaryOp | ast.unaryop | ast.Tuple | ast.List | ast.Dict
                               | ast.Set | ast.Load | ast.BinOp | ast.operator)
                    or (isinstance(n, ast.Name) and n.id in consts)
                    for n in ast.walk(a.test)) for a in asserts):
            yield src.finding("DT211", fn, fn.name)
            continue
        for node in ast.walk(fn):
            if isinstance(node, ast.Try) and not node.orelse and node.body and \
                    not _in_loop_or_finally(node, parents) and \
                    not checked_after_in_test(node, parents, is_test=True) and \
                    _unchecked_expected_exception(node, src):
                yield src.finding("DT211", node, f"{fn.name}: exception never required")
                break


def _in_loop_or_finally(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    child = node
    for anc in ancestors(node, parents):
        if isinstance(anc, ast.For | ast.While | ast.AsyncFor):
            return True
        if isinstance(anc, ast.Try) and child in anc.finalbody:
            return True
        if isinstance(anc, ast.FunctionDef | ast.AsyncFunctionDef):
            return False
        child = anc
    return False


def _unchecked_expected_exception(node: ast.Try, src: Source) -> bool:
    """``try: f() except SomeError: pass``: passes whether or not f raises. Only a specific
    exception class reads as "expected" (a broad or cleanup handler is a different shape)."""
    if len(node.handlers) != 1 or node.finalbody:
        return False
    handler = node.handlers[0]
    caught = ast.unparse(handler.type).split(".")[-1] if handler.type is not None else ""
    if caught in {"Exception", "BaseException", "OSError", "IOError", "FileNotFoundError",
                  "ImportError", "ModuleNotFoundError", "KeyboardInterrupt"}:
        return False
    if handler.type is None or not all(
            isinstance(s, ast.Pass) or (isinstance(s, ast.Expr) and isinstance(
                s.value, ast.Constant)) for s in handler.body):
        return False
    last = node.body[-1]
    fails = any(isinstance(n, ast.Raise | ast.Assert) or (
        isinstance(n, ast.Call) and (called_name(n) in {"fail", "assertFail"}
                                     or called_name(n).startswith("assert")))
        for s in node.body for n in ast.walk(s))
    return not fails and isinstance(last, ast.Expr) and isinstance(last.value, ast.Call)
