"""The theory language: formulas and rules parsed into sympy through a whitelisted AST.

Why not ``sympy.sympify``: sympify (and ``parse_expr``) call Python's ``eval`` on the
text, and a theory is text written by a model. Here the text is parsed with
`ast.parse` and walked node by node; only numbers, the world's own variable
names, arithmetic, comparisons, ``and``/``or``/``not`` and a short list of
functions are accepted, and the sympy expression is built from the tree
directly. Anything else -- attribute access, subscripts, lambdas, unknown names
-- is a `TheoryParseError` naming what was refused.

Rules over structured objects (the Zendo-like worlds) use the same language: a
rule is a boolean formula over ``count(v)`` (pieces with attribute value ``v``),
``all(v)`` (every piece has it), ``any(v)``/``none(v)`` and ``n`` (number of
pieces); those are rewritten to plain sympy symbols ``count_v`` here.

>>> str(parse_expression("C*m1*m2/r**3", variables=("m1", "m2", "r")))
'C*m1*m2/r**3'
>>> str(parse_expression("count(red) >= 2 and none(cube)", variables=("n",),
...                      attributes=("red", "cube")))
'(count_red >= 2) & (count_cube <= 0)'
"""

from __future__ import annotations

import ast
import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import sympy

MAX_THEORY_CHARS = 400
"""Longest theory text accepted: a law is a line, not a program."""

FUNCTIONS: dict[str, Any] = {
    "exp": sympy.exp, "log": sympy.log, "sqrt": sympy.sqrt, "sin": sympy.sin,
    "cos": sympy.cos, "abs": sympy.Abs,
}
"""Functions a formula may call."""

RULE_FUNCTIONS = ("count", "all", "any", "none")
"""Functions a rule may call on one attribute value."""

_BINOPS: dict[type[ast.operator], Any] = {
    ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b, ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b, ast.Pow: lambda a, b: a**b, ast.Mod: sympy.Mod,
    ast.FloorDiv: lambda a, b: sympy.floor(a / b),
}
_COMPARE: dict[type[ast.cmpop], Any] = {
    ast.Lt: sympy.Lt, ast.LtE: sympy.Le, ast.Gt: sympy.Gt, ast.GtE: sympy.Ge,
    ast.Eq: sympy.Eq, ast.NotEq: sympy.Ne,
}


class TheoryParseError(ValueError):
    """A theory's text is not in the theory language; the message says what was refused."""


def parse_expression(
    text: str, *, variables: Sequence[str], attributes: Sequence[str] = (),
    constants: bool = True,
) -> sympy.Basic:
    """Parse ``text`` into a sympy expression using only the whitelisted constructs.

    ``variables`` are the world's input names; ``attributes`` the attribute values a
    rule may count. With ``constants`` other bare names (``C``, ``k``) become free
    constant symbols to be fitted; without, an unknown name is an error.
    """
    if len(text) > MAX_THEORY_CHARS:
        raise TheoryParseError(f"theory is {len(text)} characters; at most {MAX_THEORY_CHARS}")
    cleaned = text.strip().replace("^", "**").replace("×", "*").replace("·", "*")
    if not cleaned:
        raise TheoryParseError("theory is empty")
    try:
        tree = ast.parse(cleaned, mode="eval")
    except SyntaxError as err:
        raise TheoryParseError(f"not a formula ({err.msg}): {cleaned!r}") from None
    builder = _Builder(tuple(variables), tuple(attributes), constants)
    return builder.build(tree.body)


class _Builder:
    def __init__(self, variables: tuple[str, ...], attributes: tuple[str, ...],
                 constants: bool) -> None:
        self.variables = variables
        self.attributes = attributes
        self.constants = constants

    def build(self, node: ast.AST) -> Any:
        if isinstance(node, ast.Constant):
            if isinstance(node.value, bool) or not isinstance(node.value, int | float):
                raise TheoryParseError(f"only numbers may appear as literals, got {node.value!r}")
            if isinstance(node.value, float) and not math.isfinite(node.value):
                raise TheoryParseError("non-finite number in theory")
            return sympy.Integer(node.value) if isinstance(node.value, int) else sympy.Float(
                node.value)
        if isinstance(node, ast.Name):
            return self.name(node.id)
        if isinstance(node, ast.BinOp) and type(node.op) in _BINOPS:
            return _BINOPS[type(node.op)](self.build(node.left), self.build(node.right))
        if isinstance(node, ast.UnaryOp):
            operand = self.build(node.operand)
            if isinstance(node.op, ast.USub):
                return -operand
            if isinstance(node.op, ast.UAdd):
                return operand
            if isinstance(node.op, ast.Not):
                return sympy.Not(operand)
        if isinstance(node, ast.BoolOp):
            parts = [self.build(v) for v in node.values]
            return sympy.And(*parts) if isinstance(node.op, ast.And) else sympy.Or(*parts)
        if isinstance(node, ast.Compare):
            left = self.build(node.left)
            terms = []
            for op, right_node in zip(node.ops, node.comparators, strict=True):
                if type(op) not in _COMPARE:
                    raise TheoryParseError(f"comparison {type(op).__name__} is not allowed")
                right = self.build(right_node)
                terms.append(_COMPARE[type(op)](left, right))
                left = right
            return sympy.And(*terms)
        if isinstance(node, ast.Call):
            return self.call(node)
        raise TheoryParseError(f"{type(node).__name__} is not allowed in a theory")

    def name(self, name: str) -> Any:
        if name in self.variables:
            return sympy.Symbol(name)
        if name in ("pi", "e"):
            return sympy.pi if name == "pi" else sympy.E
        if self.constants and name.isidentifier() and not name.startswith("_") and (
                name not in FUNCTIONS and name not in RULE_FUNCTIONS):
            return sympy.Symbol(name)
        raise TheoryParseError(f"unknown name {name!r} (variables: {', '.join(self.variables)})")

    def call(self, node: ast.Call) -> Any:
        if not isinstance(node.func, ast.Name) or node.keywords:
            raise TheoryParseError("only plain calls like exp(x) or count(red) are allowed")
        fn = node.func.id
        if fn in RULE_FUNCTIONS:
            if len(node.args) != 1 or not isinstance(node.args[0], ast.Name) or (
                    node.args[0].id not in self.attributes):
                raise TheoryParseError(
                    f"{fn}() takes one attribute value (one of: {', '.join(self.attributes)})")
            count = sympy.Symbol(f"count_{node.args[0].id}")
            if fn == "count":
                return count
            if fn == "any":
                return sympy.Ge(count, 1)
            if fn == "none":
                return sympy.Le(count, 0)
            return sympy.Eq(count, sympy.Symbol("n"))
        if fn not in FUNCTIONS:
            raise TheoryParseError(f"function {fn!r} is not allowed "
                                   f"(allowed: {', '.join(FUNCTIONS)})")
        if len(node.args) != 1:
            raise TheoryParseError(f"{fn}() takes one argument")
        return FUNCTIONS[fn](self.build(node.args[0]))


def compile_expression(expr: sympy.Basic) -> tuple[list[str], Any]:
    """``(names, fn)``: a numpy function of the expression's symbols (sorted by name), made by
    `sympy.lambdify` from the tree built above (never from user text); compile once, call
    many times (constant fitting)."""
    symbols = sorted(expr.free_symbols, key=lambda s: s.name)
    return [s.name for s in symbols], sympy.lambdify(symbols, expr, modules="numpy")


def evaluate(expr: sympy.Basic, columns: dict[str, np.ndarray], size: int) -> np.ndarray:
    """Evaluate ``expr`` on columns of values (one array per symbol), vectorised with numpy.

    The function is generated by `sympy.lambdify` from the sympy tree built above (never
    from user text). A symbol without a column is an error; a boolean result is returned
    as float 0/1.
    """
    symbols = sorted(expr.free_symbols, key=lambda s: s.name)
    missing = [s.name for s in symbols if s.name not in columns]
    if missing:
        raise TheoryParseError(f"theory has unfitted constant(s) {', '.join(missing)}")
    fn = sympy.lambdify(symbols, expr, modules="numpy")
    with np.errstate(all="ignore"):
        value = fn(*[np.asarray(columns[s.name], dtype=float) for s in symbols])
    out = np.broadcast_to(np.asarray(value, dtype=float), (size,)).astype(float)
    return out
