"""Hidden integer functions: ``f(n)`` for whole numbers ``n``, found by asking for values.

Why: the purest experiment-choice problem -- every reading is exact (noise-free by
default), so the question is only which ``n`` to ask about. Hypotheses are enumerated:

* ``easy``: ``a*n + b`` with a in -4..4 (not 0), b in -9..9 (152 hypotheses).
* ``medium``: ``a*n**2 + b*n + c`` with a in -2..2, b in -5..5, c in -9..9 (1045).
* ``hard``: the medium ones plus ``(a*n + b) % m`` with a in 1..7, b in 0..6, m in 3..9 (1388):
  a remainder rule looks linear on a short stretch and is only exposed by spread-out readings.

Universe: worlds of one universe share its slope (the coefficient of ``n``; and the
modulus, for remainder rules)
with probability 0.8, so what one world taught about ``a`` transfers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from selftaught.worlds.base import (
    FiniteSpace,
    FiniteWorld,
    numeric_columns,
    universe_rng,
    world_id,
    world_rng,
)
from selftaught.worlds.protocol import Difficulty, Experiment, Variable

N_MAX = 40
QUERIES = 12
UNIVERSE_SHARE = 0.8
DEFAULT_NOISE = 0.0

Hypothesis = tuple[str, int, int, int, int]
"""(form, a, b, c, m): form ``poly`` is a*n**2 + b*n + c (a may be 0), ``mod`` is (a*n + b) % m."""


def _hypotheses(difficulty: Difficulty) -> list[Hypothesis]:
    if difficulty == "easy":
        return [("poly", 0, a, b, 0) for a in range(-4, 5) if a != 0 for b in range(-9, 10)]
    hyps: list[Hypothesis] = [("poly", a, b, c, 0) for a in range(-2, 3) for b in range(-5, 6)
                              for c in range(-9, 10)]
    if difficulty == "hard":
        hyps += [("mod", a, b, 0, m) for a in range(1, 8) for b in range(0, 7)
                 for m in range(3, 10)]
    return hyps


def render(h: Hypothesis) -> str:
    """The hypothesis as a formula in ``n``.

    >>> render(("poly", 0, 3, -2, 0)), render(("mod", 2, 1, 0, 5)), render(("poly", 1, 0, 0, 0))
    ('3*n - 2', '(2*n + 1) % 5', 'n**2')
    """
    form, a, b, c, m = h
    if form == "mod":
        return f"({_linear(a, b)}) % {m}"
    terms = []
    for coef, power in ((a, "n**2"), (b, "n"), (c, "")):
        if coef == 0:
            continue
        mag = abs(coef)
        body = power if mag == 1 and power else (f"{mag}*{power}" if power else str(mag))
        terms.append(("-" if coef < 0 else "+", body))
    if not terms:
        return "0"
    first_sign, first = terms[0]
    text = ("-" if first_sign == "-" else "") + first
    return text + "".join(f" {s} {t}" for s, t in terms[1:])


def _linear(a: int, b: int) -> str:
    return render(("poly", 0, a, b, 0))


def generate_integers(*, seed: int, difficulty: Difficulty = "easy", noise: float | None = None,
                      universe: int | None = None) -> FiniteWorld:
    """A hidden-function world, deterministic per (seed, difficulty, noise, universe)."""
    rng = world_rng("integers", seed, universe)
    hyps = _hypotheses(difficulty)
    coef = {
        "a": np.array([h[1] for h in hyps], dtype=float), "b": np.array([h[2] for h in hyps],
                                                                       dtype=float),
        "c": np.array([h[3] for h in hyps], dtype=float),
        "m": np.array([max(h[4], 1) for h in hyps], dtype=float),
    }
    is_mod = np.array([h[0] == "mod" for h in hyps])
    shared_a = shared_m = None
    if universe is not None:
        urng = universe_rng("integers", universe)
        shared_a, shared_m = int(urng.integers(1, 5)), int(urng.integers(3, 10))
    law = _draw_law(rng, hyps, difficulty, shared_a, shared_m)
    law_index = hyps.index(law)
    var = Variable(name="n", kind="integer", low=0, high=N_MAX, description="the input")

    def table(experiments: Sequence[Experiment]) -> np.ndarray:
        n = np.array([float(e["n"]) for e in experiments])[None, :]
        poly = coef["a"][:, None] * n**2 + coef["b"][:, None] * n + coef["c"][:, None]
        linear = coef["b"][:, None] * n + coef["c"][:, None]
        if difficulty == "easy":
            return np.asarray(linear)
        mod = np.mod(coef["a"][:, None] * n + coef["b"][:, None], coef["m"][:, None])
        return np.asarray(np.where(is_mod[:, None], mod, poly))

    def features(index: int) -> tuple[str, ...]:
        form, a, b, _c, m = hyps[index]
        slope = b if form == "poly" else a
        return (f"form={form}", f"slope={slope}") + ((f"m={m}",) if form == "mod" else ())

    space = FiniteSpace(kind="integer", noise=DEFAULT_NOISE if noise is None else noise,
                        table=table, render=lambda i, _o: render(hyps[i]), feature_fn=features,
                        log_prior=np.full(len(hyps), -math.log(len(hyps))))
    query_ns = sorted(int(x) for x in rng.choice(N_MAX + 1, size=QUERIES, replace=False))
    held_out = set(query_ns)
    free = [n for n in range(N_MAX + 1) if n not in held_out]

    def sampler(r: np.random.Generator) -> Experiment:
        return {"n": int(free[int(r.integers(len(free)))])}

    return FiniteWorld(
        id=world_id("integers", difficulty, seed, universe), family="integers",
        difficulty=difficulty, noise=space.noise, inputs=(var,),
        output=Variable("y", kind="integer", description="f(n)"), kind="integer",
        theory_kind="formula",
        description=(f"A hidden function y = f(n) of a whole number n (0..{N_MAX}) built from "
                     "+, -, *, ** and %; ask for f at any n."),
        hypotheses=space, law_index=law_index, law_offset=0.0, law_text=render(law),
        prior_guess=0.0, sampler=sampler, to_columns=numeric_columns((var,)),
        queries=tuple({"n": n} for n in query_ns),
    )


def _draw_law(rng: np.random.Generator, hyps: list[Hypothesis], difficulty: Difficulty,
              shared_a: int | None, shared_m: int | None) -> Hypothesis:
    while True:
        h = hyps[int(rng.integers(len(hyps)))]
        form, a, b, c, m = h
        if difficulty == "medium" and a == 0:
            continue  # a medium law is a true quadratic
        if difficulty == "hard" and form != "mod" and rng.random() < 0.5:
            continue  # hard laws are remainder rules half the time
        if shared_a is not None and rng.random() < UNIVERSE_SHARE:
            # the slope is the n coefficient (index 2) of a polynomial, ``a`` of a remainder rule
            h = (form, shared_a, b, c, shared_m or m) if form == "mod" else (
                form, a, shared_a, c, m)
        if h in hyps:
            return h
