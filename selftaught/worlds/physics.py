"""Altered physical laws (NewtonBench-style): a known law with its exponents changed.

Why altered laws: a model that has memorised Newton's law of gravitation cannot recite
its way to ``F = C·m1·m2/r^3``; it has to measure. Each world takes a textbook law
(gravitation, Coulomb, the ideal gas, kinetic energy, a pendulum, ...), keeps its
variables, names and units, and changes at least one exponent; the constant ``C`` is
drawn fresh (log-uniform on [0.1, 10]).

Difficulty:

* ``easy``: a two-variable law; exponents from {-3, -2, -1, -1/2, 1/2, 1, 2, 3} (64 hypotheses).
* ``medium``: a three-variable law (512 hypotheses).
* ``hard``: a three-variable law plus a fourth input that has no effect; exponent 0 joins the
  grid (9^4 = 6561 hypotheses), so an agent must also find out what does not matter.

Universe: worlds drawn from one universe share its alteration (the exponent of each input
slot, with probability `UNIVERSE_SHARE`), the way every law in NewtonBench's altered
universe follows the same modified physics; a learning agent can carry that over.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from selftaught.worlds.base import (
    FiniteSpace,
    FiniteWorld,
    draw_input,
    numeric_columns,
    universe_rng,
    world_id,
    world_rng,
)
from selftaught.worlds.protocol import Difficulty, Experiment, Variable

EXPONENTS: tuple[Fraction, ...] = tuple(Fraction(x) for x in (
    "-3", "-2", "-1", "-1/2", "1/2", "1", "2", "3"))
"""The exponent grid of easy and medium worlds (hard adds 0)."""
UNIVERSE_SHARE = 0.8
"""Probability that a world's slot follows its universe's exponent."""
DEFAULT_NOISE = 0.05
"""Default measurement noise: 5% multiplicative (sd of log y)."""
QUERIES = 20


@dataclass(frozen=True)
class Template:
    """A textbook law: output, inputs and the true exponents."""

    name: str
    what: str
    output: Variable
    inputs: tuple[Variable, ...]
    exponents: tuple[Fraction, ...]


def _v(name: str, unit: str, low: float, high: float, what: str) -> Variable:
    return Variable(name=name, unit=unit, low=low, high=high, description=what, scale="log")


TEMPLATES: tuple[Template, ...] = (
    Template("pendulum", "the period of a pendulum", Variable("T", "s"),
             (_v("L", "m", 0.1, 10.0, "length"), _v("g", "m/s^2", 1.0, 30.0, "gravity")),
             (Fraction(1, 2), Fraction(-1, 2))),
    Template("kinetic", "the energy of a moving body", Variable("E", "J"),
             (_v("m", "kg", 0.1, 10.0, "mass"), _v("v", "m/s", 0.1, 20.0, "speed")),
             (Fraction(1), Fraction(2))),
    Template("spring", "the energy stored in a spring", Variable("E", "J"),
             (_v("k", "N/m", 1.0, 100.0, "stiffness"), _v("x", "m", 0.01, 1.0, "extension")),
             (Fraction(1), Fraction(2))),
    Template("gravity", "the force between two masses", Variable("F", "N"),
             (_v("m1", "kg", 0.1, 10.0, "first mass"), _v("m2", "kg", 0.1, 10.0, "second mass"),
              _v("r", "m", 0.5, 10.0, "distance")),
             (Fraction(1), Fraction(1), Fraction(-2))),
    Template("coulomb", "the force between two charges", Variable("F", "N"),
             (_v("q1", "C", 0.1, 5.0, "first charge"), _v("q2", "C", 0.1, 5.0, "second charge"),
              _v("d", "m", 0.5, 10.0, "distance")),
             (Fraction(1), Fraction(1), Fraction(-2))),
    Template("gas", "the pressure of a gas", Variable("P", "Pa"),
             (_v("N", "mol", 0.1, 5.0, "amount"), _v("K", "K", 100.0, 1000.0, "temperature"),
              _v("V", "m^3", 0.1, 10.0, "volume")),
             (Fraction(1), Fraction(1), Fraction(-1))),
)
DISTRACTOR = _v("colour", "nm", 400.0, 700.0, "wavelength of the lamp lighting the bench")


def _power(name: str, p: Fraction) -> str:
    if p == 1:
        return name
    text = str(p.numerator) if p.denominator == 1 else f"({p.numerator}/{p.denominator})"
    return f"{name}**{text}"


def formula(names: Sequence[str], exponents: Sequence[Fraction], constant: float) -> str:
    """``C*m1*m2*r**-3`` with the constant written out (exponents exact, as rationals).

    >>> formula(["m1", "r"], [Fraction(1), Fraction(-3)], 2.5)
    '2.5*m1*r**-3'
    """
    terms = [_power(n, p) for n, p in zip(names, exponents, strict=True) if p != 0]
    return "*".join([f"{constant:.6g}", *terms])


def generate_physics(*, seed: int, difficulty: Difficulty = "easy", noise: float | None = None,
                     universe: int | None = None) -> FiniteWorld:
    """An altered-law world, deterministic per (seed, difficulty, noise, universe)."""
    rng = world_rng("physics", seed, universe)
    arity = 2 if difficulty == "easy" else 3
    pool = [t for t in TEMPLATES if len(t.inputs) == arity]
    template = pool[int(rng.integers(len(pool)))]
    grid = EXPONENTS + ((Fraction(0),) if difficulty == "hard" else ())
    inputs = template.inputs + ((DISTRACTOR,) if difficulty == "hard" else ())
    true_exps = template.exponents + ((Fraction(0),) if difficulty == "hard" else ())
    shared = None
    if universe is not None:
        urng = universe_rng("physics", universe)
        shared = [EXPONENTS[int(urng.integers(len(EXPONENTS)))] for _ in range(3)]
    law = _altered(rng, true_exps, grid, shared, arity)
    combos = list(itertools.product(grid, repeat=len(inputs)))
    exps_HK = np.array([[float(p) for p in c] for c in combos])
    names = [v.name for v in inputs]
    law_index = combos.index(tuple(law))
    log_c = float(rng.uniform(math.log(0.1), math.log(10.0)))

    def table(experiments: Sequence[Experiment]) -> np.ndarray:
        logx_KN = np.log(np.array([[float(e[n]) for e in experiments] for n in names])
                         ).reshape(len(names), len(experiments))
        return np.asarray(exps_HK @ logx_KN)

    def render(index: int, offset: float) -> str:
        return formula(names, combos[index], math.exp(offset))

    def features(index: int) -> tuple[str, ...]:
        return tuple(f"x{k}^{p}" for k, p in enumerate(combos[index]))

    space = FiniteSpace(kind="log", noise=DEFAULT_NOISE if noise is None else noise,
                        table=table, render=render, feature_fn=features,
                        log_prior=np.full(len(combos), -math.log(len(combos))), fit_offset=True)

    def sampler(r: np.random.Generator) -> Experiment:
        return {v.name: draw_input(v, r) for v in inputs}

    queries = tuple(sampler(rng) for _ in range(QUERIES))
    return FiniteWorld(
        id=world_id("physics", difficulty, seed, universe), family="physics",
        difficulty=difficulty, noise=space.noise, inputs=inputs, output=template.output,
        kind="log", theory_kind="formula",
        description=(f"{template.output.name} ({template.output.unit}) is {template.what} in a "
                     f"universe whose laws differ from ours; it is a power law "
                     f"C*{'*'.join(n + '**a' + str(k) for k, n in enumerate(names))} with "
                     f"unknown C and exponents."),
        hypotheses=space, law_index=law_index, law_offset=log_c,
        law_text=formula(names, law, math.exp(log_c)),
        prior_guess=1.0, sampler=sampler, to_columns=numeric_columns(inputs), queries=queries,
        fitted_constants=True,
    )


def _altered(rng: np.random.Generator, true_exps: Sequence[Fraction], grid: Sequence[Fraction],
             shared: Sequence[Fraction] | None, arity: int) -> list[Fraction]:
    """The altered exponents: the universe's (if any) or random changes, never the original."""
    while True:
        law = list(true_exps)
        for k in range(arity):
            if shared is not None and rng.random() < UNIVERSE_SHARE:
                law[k] = shared[k]
            elif rng.random() < 0.5:
                law[k] = grid[int(rng.integers(len(grid)))]
        if tuple(law) != tuple(true_exps) and any(p != 0 for p in law[:arity]):
            return law
