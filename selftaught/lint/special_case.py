"""Special-casing the graded tests (DT301, DT302), when the tests are known.

Why: a solution can pass hidden tests by recognising their inputs
(``if x == 3: return 17`` where a test asserts ``f(3) == 17``) or by carrying
a table of their answers. This is only decidable relative to the tests, so
these rules run when tests are given (`lint_source(..., tests=...)`,
``selftaught lint --tests PATH``). Expected cases are read from the usual
assertion shapes: ``assert f(a, b) == out`` (either side),
``self.assertEqual(f(a), out)`` and ``pytest.mark.parametrize`` tables whose
test body asserts ``f(arg) == expected``. Branches on trivial base-case values
(0, 1, -1, None, booleans, empty) are not reported: ``if n == 1: return 1`` is
how recursion starts, not special-casing.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from selftaught.lint.source import Finding, Source, walk_functions


def _literal(node: ast.AST) -> tuple[bool, object]:
    try:
        return True, ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False, None


def _key(value: object) -> str:
    """A hashable, type-aware key for a literal (so 1 and True stay distinct)."""
    return f"{type(value).__name__}:{value!r}"


@dataclass
class GradedCases:
    """Inputs and expected outputs the tests use, per called function name."""

    inputs: dict[str, set[str]] = field(default_factory=dict)
    """function name -> keys of literal arguments passed to it."""
    outputs: dict[str, set[str]] = field(default_factory=dict)
    """function name -> keys of literal results expected from it."""
    pairs: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    """function name -> (single-argument input key, output key)."""

    def add(self, func: str, args: list[object], expected: object) -> None:
        self.inputs.setdefault(func, set()).update(_key(a) for a in args)
        self.outputs.setdefault(func, set()).add(_key(expected))
        if len(args) == 1:
            self.pairs.setdefault(func, set()).add((_key(args[0]), _key(expected)))

    @property
    def empty(self) -> bool:
        return not self.outputs


def _call_case(call: ast.AST, expected: ast.AST, params: dict[str, object]) -> \
        tuple[str, list[object], object] | None:
    if not isinstance(call, ast.Call):
        return None
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    if not name:
        return None
    args: list[object] = []
    for a in call.args:
        if isinstance(a, ast.Name) and a.id in params:
            args.append(params[a.id])
            continue
        ok, value = _literal(a)
        if not ok:
            return None
        args.append(value)
    if isinstance(expected, ast.Name) and expected.id in params:
        return name, args, params[expected.id]
    ok, value = _literal(expected)
    return (name, args, value) if ok else None


def _parametrize_rows(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for dec in fn.decorator_list:
        if not (isinstance(dec, ast.Call) and ast.unparse(dec.func).endswith("parametrize")):
            continue
        if len(dec.args) < 2:
            continue
        ok_n, names = _literal(dec.args[0])
        ok_v, values = _literal(dec.args[1])
        if not (ok_n and ok_v) or not isinstance(values, list | tuple):
            continue
        if isinstance(names, str):
            keys = [n.strip() for n in names.split(",")]
        elif isinstance(names, list | tuple):
            keys = [str(n) for n in names]
        else:
            continue
        for row in values:
            vals = row if isinstance(row, tuple | list) and len(keys) > 1 else (row,)
            if len(vals) == len(keys):
                rows.append(dict(zip(keys, vals, strict=True)))
    return rows


def read_tests(tests: str | Sequence[str]) -> GradedCases:
    """Collect the literal cases asserted by the given test sources (unparseable ones skipped
    by the caller: this raises ``SyntaxError`` so it can name the file)."""
    cases = GradedCases()
    for text in [tests] if isinstance(tests, str) else tests:
        tree = ast.parse(text)
        for fn in walk_functions(tree):
            rows = _parametrize_rows(fn) or [{}]
            for params in rows:
                for node in ast.walk(fn):
                    for call, expected in _asserted_pairs(node):
                        case = _call_case(call, expected, params)
                        if case is not None:
                            cases.add(*case)
    return cases


def _asserted_pairs(node: ast.AST) -> Iterator[tuple[ast.AST, ast.AST]]:
    if isinstance(node, ast.Assert) and isinstance(node.test, ast.Compare) and \
            len(node.test.ops) == 1 and isinstance(node.test.ops[0], ast.Eq | ast.Is):
        left, right = node.test.left, node.test.comparators[0]
        yield left, right
        yield right, left
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
            node.func.attr in {"assertEqual", "assertEquals", "assertIs"} and len(node.args) >= 2:
        yield node.args[0], node.args[1]
        yield node.args[1], node.args[0]


def check(src: Source, cases: GradedCases) -> Iterator[Finding]:
    """DT301 branches on test inputs returning expected outputs; DT302 answer tables."""
    if cases.empty:
        return
    all_inputs = set().union(*cases.inputs.values()) if cases.inputs else set()
    all_outputs = set().union(*cases.outputs.values())
    all_pairs = set().union(*cases.pairs.values()) if cases.pairs else set()
    for fn in walk_functions(src.tree):
        inputs = cases.inputs.get(fn.name, all_inputs)
        outputs = cases.outputs.get(fn.name, all_outputs)
        params = {a.arg for a in (*fn.args.posonlyargs, *fn.args.args, *fn.args.kwonlyargs)}
        for node in ast.walk(fn):
            if isinstance(node, ast.If) and _tests_param_against(node.test, params, inputs):
                returned = _returned_literal_keys(node.body)
                if returned & outputs:
                    yield src.finding("DT301", node, ast.unparse(node.test))
    for node in ast.walk(src.tree):
        if isinstance(node, ast.Dict) and len(node.keys) >= 2:
            hits = 0
            for k, v in zip(node.keys, node.values, strict=True):
                if k is None:
                    continue
                ok_k, key = _literal(k)
                ok_v, val = _literal(v)
                if ok_k and ok_v and (_key(key), _key(val)) in all_pairs:
                    hits += 1
            if hits >= 2:
                yield src.finding("DT302", node, f"{hits} test cases tabulated")


def _tests_param_against(test: ast.AST, params: set[str], inputs: set[str]) -> bool:
    for node in ast.walk(test):
        if not isinstance(node, ast.Compare):
            continue
        sides = [node.left, *node.comparators]
        names = [s for s in sides if isinstance(s, ast.Name) and s.id in params]
        if not names:
            continue
        for side in sides:
            ok, value = _literal(side)
            if not ok:
                continue
            values = value if isinstance(value, tuple | list | set | frozenset) and any(
                isinstance(op, ast.In | ast.NotIn) for op in node.ops) else [value]
            if any(_key(v) in inputs and not _trivial(v) for v in values):
                return True
    return False


def _trivial(value: object) -> bool:
    """Base-case values (0, 1, -1, None, bools, empty): branching on them is normal code."""
    if value is None or isinstance(value, bool):
        return True
    if isinstance(value, int | float) and value in (0, 1, -1):
        return True
    return isinstance(value, str | tuple | list | dict | set | frozenset) and len(value) == 0


def _returned_literal_keys(body: list[ast.stmt]) -> set[str]:
    keys: set[str] = set()
    for stmt in body:
        for node in ast.walk(stmt):
            if isinstance(node, ast.Return) and node.value is not None:
                ok, value = _literal(node.value)
                if ok:
                    keys.add(_key(value))
    return keys
