"""Theories: text an agent states about a world, turned into predictions and judged.

A `Theory` is a law (``formula``) or a rule (``rule``) in the theory language of
`selftaught.worlds.language`, plus a short explanation in words. Predictions come from
the parsed text only -- never from the agent's internal state -- so it is judged
exactly as written, and scores can be recomputed from the event log.

Law recovery (NewtonBench-style, "symbolically equivalent after fitting constants"):
every number that is not an exponent, and every free name, in the theory becomes a
constant; the constants are refitted to the hidden law's noise-free values on the
held-out queries (Levenberg-Marquardt on the likelihood-space residuals, started at
the stated values); the theory counts as recovered when the refitted theory matches
the hidden law on every query (to `RECOVERY_TOL` in the likelihood space; exactly for
integer and yes/no outputs). Exponents are structure, not constants: ``r**-3`` is
never refitted into ``r**-2``. Worlds whose numbers *are* the law (a circuit's resistor
values, an integer function's coefficients; ``world.fitted_constants`` False) are
matched as stated, with nothing refitted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import sympy

from selftaught.worlds import TheoryParseError, World, evaluate, parse_expression
from selftaught.worlds.language import compile_expression

RECOVERY_TOL = 1e-3
"""Largest refitted residual (likelihood space: log y, or output units) still called a match."""
LM_ITERATIONS = 60


@dataclass(frozen=True)
class Theory:
    """What an agent believes about a world after some experiments."""

    text: str
    """A formula (``2.5*m1*m2*r**-3``) or a rule (``any(red) and none(cube)``)."""
    explanation: str = ""
    """A few sentences in words; scored by a naive reader (`explanation_error`)."""
    kind: Literal["formula", "rule"] = "formula"
    hypothesis: int | None = None
    """Index in the world's hypothesis space, when the agent picked one from it."""


def names(world: World) -> list[str]:
    """Names a theory about ``world`` may use as variables."""
    return [v.name for v in world.inputs] + (["n"] if world.theory_kind == "rule" else [])


def parse(world: World, text: str, *, constants: bool = True) -> sympy.Basic:
    """Parse theory text for ``world``; raises `TheoryParseError`."""
    return parse_expression(text, variables=names(world), attributes=world.attributes,
                            constants=constants)


def predictions(world: World, text: str | None) -> tuple[np.ndarray, bool]:
    """The theory's predictions on the held-out queries, and whether they were usable.

    No theory, an unparseable one or one giving non-finite (or, in a log world,
    non-positive) values predicts the world's `prior_guess` everywhere instead: that is
    what an agent without a usable theory knows.
    """
    fallback = np.full(len(world.queries), float(world.prior_guess))
    if text is None:
        return fallback, False
    try:
        values = evaluate(parse(world, text, constants=False), world.columns(world.queries),
                          len(world.queries))
    except TheoryParseError:
        return fallback, False
    if not np.all(np.isfinite(values)) or (world.kind == "log" and np.any(values <= 0)):
        return fallback, False
    return values, True


def _space(world: World, values: np.ndarray) -> np.ndarray:
    return np.log(np.maximum(values, 1e-300)) if world.kind == "log" else values


def law_recovered(world: World, text: str | None) -> bool:
    """Whether the theory is the hidden law after refitting its constants (module doc)."""
    if text is None:
        return False
    try:
        expr = parse(world, text)
    except TheoryParseError:
        return False
    inputs = {sympy.Symbol(n) for n in names(world)} | {
        sympy.Symbol(f"count_{a}") for a in world.attributes}
    stated: list[float] = []
    if world.fitted_constants:
        expr = _lift_constants(expr, stated)
    consts = [sympy.Symbol(f"_c{k}") for k in range(len(stated))]
    free = sorted(expr.free_symbols - inputs - set(consts), key=lambda s: s.name)
    params = consts + free
    start = np.array(stated + [1.0] * len(free))
    columns = world.columns(world.queries)
    target = _space(world, world.truth(world.queries))
    size = len(world.queries)

    order, fn = compile_expression(expr)
    if any(n not in columns and n not in {p.name for p in params} for n in order):
        return False

    def residual(theta: np.ndarray) -> np.ndarray:
        cols = dict(columns) | {p.name: np.full(size, t) for p, t in zip(params, theta,
                                                                         strict=True)}
        with np.errstate(all="ignore"):
            raw = fn(*[np.asarray(cols[n], dtype=float) for n in order])
        values = np.broadcast_to(np.asarray(raw, dtype=float), (size,))
        if world.kind == "log":
            values = np.where(values > 0, values, np.nan)
        r = _space(world, values) - target
        return np.where(np.isfinite(r), r, 1e6)

    theta = _fit(residual, start) if params else start
    r = residual(theta)
    if world.kind in ("integer", "binary"):
        return bool(np.all(np.abs(r) < 0.5))
    scale = 1.0 if world.kind == "log" else 1.0 + np.abs(target)
    return bool(np.all(np.abs(r) <= RECOVERY_TOL * scale))


def _lift_constants(expr: sympy.Basic, stated: list[float]) -> sympy.Basic:
    """Replace every number that is not an exponent by a fresh constant ``_c<k>``."""
    if expr.is_Number:
        stated.append(float(expr))
        return sympy.Symbol(f"_c{len(stated) - 1}")
    if isinstance(expr, sympy.Pow):
        return sympy.Pow(_lift_constants(expr.base, stated), expr.exp, evaluate=False)
    if not expr.args:
        return expr
    return expr.func(*[_lift_constants(a, stated) for a in expr.args], evaluate=False)


def _fit(residual: object, start: np.ndarray) -> np.ndarray:
    """Levenberg-Marquardt with a forward-difference Jacobian (few constants, few points)."""
    assert callable(residual)
    theta = start.astype(float)
    r = residual(theta)
    cost = float(r @ r)
    damping = 1e-3
    for _ in range(LM_ITERATIONS):
        step = 1e-6 * np.maximum(np.abs(theta), 1e-3)
        jac = np.stack([(residual(theta + np.eye(len(theta))[k] * step[k]) - r) / step[k]
                        for k in range(len(theta))], axis=1)
        normal = jac.T @ jac
        grad = jac.T @ r
        improved = False
        for _attempt in range(10):
            try:
                delta = np.linalg.solve(normal + damping * np.diag(np.diag(normal) + 1e-12),
                                        -grad)
            except np.linalg.LinAlgError:
                damping *= 10
                continue
            trial = theta + delta
            r_trial = residual(trial)
            trial_cost = float(r_trial @ r_trial)
            if trial_cost < cost:
                theta, r, cost = trial, r_trial, trial_cost
                damping = max(damping / 10, 1e-12)
                improved = True
                break
            damping *= 10
        if not improved or cost < 1e-24:
            break
    return theta


def explanation_predictions(world: World, explanation: str) -> tuple[np.ndarray, bool]:
    """What a naive reader predicts from the explanation alone.

    The reader knows nothing but the text: it takes the first sentence part that reads as
    a law or rule (the right side of ``=`` or ``:``, or the part itself) and uses it; if
    nothing parses it predicts the no-theory guess. An explanation that states its law
    operationally therefore scores like the theory; a vague one scores like no theory.
    """
    for part in _pieces(explanation):
        values, usable = predictions(world, part)
        if usable:
            return values, True
    return predictions(world, None)


def _pieces(text: str) -> list[str]:
    out: list[str] = []
    for sentence in text.replace("\n", ". ").split(". "):
        sentence = sentence.strip().rstrip(".")
        if ":" in sentence:
            out.append(sentence.split(":", 1)[1].strip())
        if "=" in sentence and not any(op in sentence for op in ("==", ">=", "<=", "!=")):
            out.append(sentence.split("=", 1)[1].strip())
        out.append(sentence)
    return [p for p in out if p]
