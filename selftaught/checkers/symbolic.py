"""Safe parsing of math answers and equivalence testing with sympy.

`sympy.parse_expr` ends in Python's ``eval``, so a model's answer must never
reach it unchecked. `parse_math` first whitelists the text: only digits,
letters, whitespace and ``+ - * / ^ ( ) , . =``; Python tokens are checked one
by one (names must be plain identifiers, not keywords, not ``_private``;
numbers must be plain decimals; no attribute access); every name is bound
explicitly (known functions, ``pi``, ``E``, otherwise a `Symbol`) and ``eval``
runs with empty builtins. Size limits (length, nesting depth, exponent size)
keep evaluation from hanging on answers like ``9^9^9^9``.

Equivalence (`equivalent`) is decided numerically: both sides are evaluated
at several pseudo-random points (fixed seed, so grading is deterministic) with
30-digit precision. Agreement at every point means equivalent with overwhelming
probability (the Schwartz-Zippel idea); this never hangs, unlike
``simplify(a - b) == 0``, which is only the fast path when the two parse to the
same expression. Equations ``lhs = rhs`` are equivalent when their ``lhs - rhs``
differ by a non-zero constant factor (``y = 2x`` matches ``2x - y = 0``).

Syntax: ``^`` or ``**`` for powers, implicit multiplication (``2x``, ``3(x+1)``),
functions ``sin cos tan asin acos atan sinh cosh tanh exp log ln sqrt abs``,
constants ``pi`` and ``E``. Every other name is a variable (``xy`` is one
variable, not ``x*y``). LaTeX is not parsed.
"""

from __future__ import annotations

import io
import keyword
import math
import random
import re
import tokenize
from dataclasses import dataclass

import sympy
from sympy.parsing.sympy_parser import (
    convert_xor,
    implicit_multiplication,
    parse_expr,
    standard_transformations,
)

__all__ = ["MathParseError", "ParsedMath", "equivalent", "parse_math"]

MAX_LENGTH = 300
MAX_DEPTH = 30
MAX_EXPONENT = 1000
MAX_DIGITS = 10_000
N_POINTS = 6

_ALLOWED = re.compile(r"^[0-9A-Za-z_\s+\-*/^().,=]*$")
_PLAIN_NUMBER = re.compile(r"^(\d[\d_]*)?\.?\d*([eE][+-]?\d{1,2})?$")
_OPS = {"+", "-", "*", "/", "**", "^", "(", ")", ","}
_REPLACE = {"−": "-", "×": "*", "·": "*", "÷": "/", "²": "^2", "³": "^3"}
_FUNCTIONS: dict[str, object] = {
    "sin": sympy.sin, "cos": sympy.cos, "tan": sympy.tan,
    "asin": sympy.asin, "acos": sympy.acos, "atan": sympy.atan,
    "sinh": sympy.sinh, "cosh": sympy.cosh, "tanh": sympy.tanh,
    "exp": sympy.exp, "log": sympy.log, "ln": sympy.log, "sqrt": sympy.sqrt,
    "abs": sympy.Abs, "pi": sympy.pi, "E": sympy.E,
}  # fmt: skip
_GLOBALS_NEEDED = ("Integer", "Float", "Rational", "Symbol", "Function", "Add", "Mul", "Pow")
_TRANSFORMS = (*standard_transformations, implicit_multiplication, convert_xor)


class MathParseError(ValueError):
    """The text is not a math expression this module accepts; the message says why."""


@dataclass(frozen=True)
class ParsedMath:
    """A parsed answer: an expression, or an equation stored as ``lhs - rhs``."""

    expr: sympy.Expr
    is_equation: bool


def _check_tokens(text: str) -> set[str]:
    names: set[str] = set()
    depth = 0
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError) as err:
        raise MathParseError(f"cannot read {text!r}: {err}") from err
    for tok in tokens:
        if tok.type in (tokenize.NEWLINE, tokenize.NL, tokenize.ENDMARKER,
                        tokenize.INDENT, tokenize.DEDENT):  # fmt: skip
            continue
        if tok.type == tokenize.NAME:
            if keyword.iskeyword(tok.string) or tok.string.startswith("_"):
                raise MathParseError(f"{tok.string!r} is not allowed in a math answer")
            names.add(tok.string)
        elif tok.type == tokenize.NUMBER:
            if not _PLAIN_NUMBER.match(tok.string):
                raise MathParseError(f"{tok.string!r} is not a plain number")
            if len(tok.string) > 50:
                raise MathParseError("number literal too long (at most 50 digits)")
        elif tok.type == tokenize.OP and tok.string in _OPS:
            depth += {"(": 1, ")": -1}.get(tok.string, 0)
            if depth > MAX_DEPTH:
                raise MathParseError(f"nested deeper than {MAX_DEPTH} parentheses")
            if depth < 0:
                raise MathParseError("unbalanced parentheses: ')' without '('")
        else:
            raise MathParseError(f"{tok.string!r} is not allowed in a math answer")
    if depth:
        raise MathParseError("unbalanced parentheses: '(' without ')'")
    return names


def _check_size(expr: sympy.Basic) -> None:
    """Reject powers whose evaluation would be huge (bottom-up, so checks stay cheap)."""
    for node in sympy.postorder_traversal(expr):
        if not isinstance(node, sympy.Pow):
            continue
        base, exponent = node.args
        if exponent.free_symbols:
            continue
        e = abs(complex(sympy.N(exponent, 15)))
        if e > MAX_EXPONENT:
            raise MathParseError(f"exponent {exponent} too large (at most {MAX_EXPONENT})")
        if not base.free_symbols:
            b = abs(complex(sympy.N(base, 15)))
            if b > 1 and e * math.log10(b) > MAX_DIGITS:
                raise MathParseError(f"power {node} too large to evaluate")


def _parse_side(text: str, evaluate: bool) -> sympy.Expr:
    names = _check_tokens(text)
    local_dict = {n: _FUNCTIONS.get(n, sympy.Symbol(n)) for n in names}
    global_dict: dict[str, object] = {n: getattr(sympy, n) for n in _GLOBALS_NEEDED}
    global_dict["__builtins__"] = {}
    try:
        expr = parse_expr(
            text, local_dict=local_dict, global_dict=global_dict,
            transformations=_TRANSFORMS, evaluate=evaluate,
        )  # fmt: skip
    except (SyntaxError, TypeError, ValueError, NameError, AttributeError, IndexError,
            sympy.SympifyError) as err:  # fmt: skip  (sympy's parser on malformed input)
        raise MathParseError(f"cannot parse {text!r} as math") from err
    if not isinstance(expr, sympy.Expr):
        raise MathParseError(f"{text!r} is not a single expression")
    return expr


def parse_math(text: str) -> ParsedMath:
    """Parse an answer into an expression or equation, safely (see module docstring).

    >>> parse_math("2x^2 + 3(x+1)").expr
    2*x**2 + 3*x + 3
    >>> parse_math("y = 2x").is_equation
    True
    >>> parse_math("x.__class__")
    Traceback (most recent call last):
    ...
    selftaught.checkers.symbolic.MathParseError: '.' is not allowed in a math answer
    """
    for old, new in _REPLACE.items():
        text = text.replace(old, new)
    text = text.strip()
    if not text:
        raise MathParseError("empty math answer")
    if len(text) > MAX_LENGTH:
        raise MathParseError(f"math answer longer than {MAX_LENGTH} characters")
    bad = sorted({c for c in text if not _ALLOWED.match(c)})
    if bad:
        raise MathParseError(f"character {bad[0]!r} is not allowed in a math answer")
    if "==" in text or text.count("=") > 1:
        raise MathParseError("an equation must have exactly one '='")
    sides = text.split("=")
    if any(not side.strip() for side in sides):
        raise MathParseError("an equation needs an expression on both sides of '='")
    for side in sides:
        _check_size(_parse_side(side, evaluate=False))
    parsed = [_parse_side(side, evaluate=True) for side in sides]
    if any(p.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo) for p in parsed):
        raise MathParseError(f"{text!r} is undefined (division by zero?)")
    if len(parsed) == 2:
        return ParsedMath(sympy.expand(parsed[0] - parsed[1], deep=False), is_equation=True)
    return ParsedMath(parsed[0], is_equation=False)


def _value(expr: sympy.Expr, point: dict[sympy.Symbol, float]) -> complex | None:
    try:
        value = complex(expr.evalf(30, subs=point))
    except (TypeError, ValueError, ZeroDivisionError, OverflowError):
        return None  # undefined or non-numeric at this point: the caller tries others
    if math.isnan(value.real) or math.isnan(value.imag) or math.isinf(abs(value)):
        return None
    return value


def _close(a: complex, b: complex) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def equivalent(a: ParsedMath, b: ParsedMath) -> bool | None:
    """True/False when decided; None when too few points could be evaluated.

    >>> equivalent(parse_math("(x+1)^2"), parse_math("x^2 + 2x + 1"))
    True
    >>> equivalent(parse_math("y = 2x + 1"), parse_math("4x - 2y + 2 = 0"))
    True
    >>> equivalent(parse_math("sin(x)^2"), parse_math("1 - cos(x)"))
    False
    """
    if a.is_equation != b.is_equation:
        return False
    if a.expr == b.expr:
        return True
    symbols = sorted(a.expr.free_symbols | b.expr.free_symbols, key=str)
    rng = random.Random(1234)
    ratios: list[complex] = []
    decided = 0
    for _ in range(N_POINTS):
        point = {s: rng.uniform(0.5, 2.0) for s in symbols}
        va, vb = _value(a.expr, point), _value(b.expr, point)
        if va is None or vb is None:
            continue
        decided += 1
        if not a.is_equation:
            if not _close(va, vb):
                return False
            continue
        zero_a, zero_b = _close(va, 0), _close(vb, 0)
        if zero_a != zero_b:
            return False
        if not zero_a:
            ratios.append(va / vb)
    if decided < 3:
        return None
    return all(_close(r, ratios[0]) for r in ratios)
