"""`FiniteWorld` and `FiniteSpace`: the one concrete world every built-in family builds.

Why one class: the four families differ in what they simulate, not in how a world
behaves. Each family module supplies the pieces -- its inputs, a vectorised table of
every hypothesis's predictions, the hidden law's index and constant, how to render a
hypothesis as theory text -- and this module does the rest the same way for all:
noise, validation, fitting constants, likelihoods.

Likelihood space: for ``log`` worlds every computation happens on ``log(y)``, where the
noise is Gaussian and a multiplicative constant is an additive offset, fitted in closed
form (the mean residual); with a flat prior on that offset the profile likelihood
equals the marginal likelihood up to a factor shared by all hypotheses, so the
posterior over hypotheses is exact.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from selftaught.worlds.protocol import (
    Difficulty,
    Experiment,
    ExperimentError,
    Observation,
    OutputKind,
    TheoryKind,
    Variable,
)

NOISE_FLOOR = 1e-4
"""Smallest noise sd the likelihood assumes, so a noise-free world's exact matches are
not spoiled by float rounding (log space, or output units for linear worlds)."""
LOG_IMPOSSIBLE = math.log(1e-12)
"""Log-likelihood of a reading a hypothesis cannot produce (kept finite so a single
corrupted reading cannot rule out the truth when noise is on)."""
INTEGER_OFFSETS = (-2, -1, 1, 2)
"""How far a noisy integer reading can be off."""

Table = Callable[[Sequence[Experiment]], np.ndarray]
"""``table(experiments) -> [H, N]``: every hypothesis's prediction, in the likelihood space,
with its free offset (if any) at 0."""


@dataclass
class FiniteSpace:
    """A finite hypothesis space with at most one free constant per hypothesis."""

    kind: OutputKind
    noise: float
    table: Table
    render: Callable[[int, float], str]
    """``render(index, offset) -> theory text`` (offset in the likelihood space)."""
    feature_fn: Callable[[int], tuple[str, ...]]
    log_prior: np.ndarray
    fit_offset: bool = False
    """Fit an additive offset per hypothesis (log worlds: a multiplicative constant)."""
    size: int = field(init=False)

    def __post_init__(self) -> None:
        self.size = len(self.log_prior)

    def observed(self, observations: Sequence[Observation]) -> np.ndarray:
        """The readings in the likelihood space, shape ``[n]``."""
        y = np.array([o.value for o in observations], dtype=float)
        return np.log(np.maximum(y, 1e-300)) if self.kind == "log" else y

    def offsets(self, observations: Sequence[Observation], rows: np.ndarray | None = None
                ) -> np.ndarray:
        """Best-fit offset of every hypothesis, shape ``[H]`` (zeros without a free constant)."""
        if not self.fit_offset or not observations:
            return np.zeros(self.size)
        rows = self.table([o.experiment for o in observations]) if rows is None else rows
        return np.asarray(np.mean(self.observed(observations)[None, :] - rows, axis=1))

    def log_likelihood(self, observations: Sequence[Observation]) -> np.ndarray:
        if not observations:
            return np.zeros(self.size)
        rows = self.table([o.experiment for o in observations])
        y = self.observed(observations)
        if self.kind in ("log", "linear"):
            residual = y[None, :] - rows - self.offsets(observations, rows)[:, None]
            sd = max(self.noise, NOISE_FLOOR)
            return np.asarray(-0.5 * np.sum((residual / sd) ** 2, axis=1))
        diff = np.rint(y[None, :] - rows)
        p = self.noise
        if self.kind == "binary":
            match = math.log1p(-p) if p < 1 else LOG_IMPOSSIBLE
            miss = math.log(p) if p > 0 else LOG_IMPOSSIBLE
            return np.asarray(np.where(diff == 0, match, miss).sum(axis=1))
        match = math.log1p(-p) if p < 1 else LOG_IMPOSSIBLE
        near = math.log(p / len(INTEGER_OFFSETS)) if p > 0 else LOG_IMPOSSIBLE
        is_near = np.isin(diff, INTEGER_OFFSETS)
        scores = np.where(diff == 0, match, np.where(is_near, near, LOG_IMPOSSIBLE))
        return np.asarray(scores.sum(axis=1))

    def predict(self, observations: Sequence[Observation], experiments: Sequence[Experiment]
                ) -> np.ndarray:
        rows = self.table(list(experiments)) + self.offsets(observations)[:, None]
        return np.exp(rows) if self.kind == "log" else rows

    def theory(self, index: int, observations: Sequence[Observation]) -> str:
        return self.render(index, float(self.offsets(observations)[index]))

    def features(self, index: int) -> tuple[str, ...]:
        return self.feature_fn(index)


@dataclass
class FiniteWorld:
    """A generated world: satisfies the `World` protocol."""

    id: str
    family: str
    difficulty: Difficulty
    noise: float
    inputs: tuple[Variable, ...]
    output: Variable
    kind: OutputKind
    theory_kind: TheoryKind
    description: str
    hypotheses: FiniteSpace
    law_index: int
    law_offset: float
    """The hidden law's constant (an offset in the likelihood space)."""
    law_text: str
    prior_guess: float
    sampler: Callable[[np.random.Generator], Experiment]
    to_columns: Callable[[Sequence[Experiment]], dict[str, np.ndarray]]
    queries: tuple[Experiment, ...] = ()
    fitted_constants: bool = False
    attributes: tuple[str, ...] = ()
    check_structure: Callable[[Experiment], Experiment] | None = None
    """Validator of structured inputs (Zendo pieces); None for numeric-only worlds."""
    law_table: Table | None = None
    """The hidden law alone, ``[N]`` in the likelihood space (offset 0); default: its row of
    the hypothesis table."""

    def sample_experiment(self, rng: np.random.Generator) -> Experiment:
        return self.sampler(rng)

    def validate(self, experiment: Experiment) -> Experiment:
        if not isinstance(experiment, dict):
            raise ExperimentError(f"{self.id}: an experiment is a mapping of input names to "
                                  f"values, got {type(experiment).__name__}")
        names = [v.name for v in self.inputs]
        unknown = sorted(set(experiment) - set(names))
        missing = [n for n in names if n not in experiment]
        if unknown or missing:
            raise ExperimentError(
                f"{self.id}: experiment has unknown input(s) {unknown} / misses {missing} "
                f"(inputs: {', '.join(names)})")
        clean: Experiment = {}
        for var in self.inputs:
            value: Any = experiment[var.name]
            if var.kind == "structure":
                clean[var.name] = value
                continue
            if isinstance(value, bool) or not isinstance(value, int | float) or not (
                    math.isfinite(value)):
                raise ExperimentError(f"{self.id}: input {var.name} must be a finite number, "
                                      f"got {value!r}")
            if var.kind == "integer":
                if float(value) != int(value):
                    raise ExperimentError(f"{self.id}: input {var.name} must be an integer, "
                                          f"got {value!r}")
                value = int(value)
            assert var.low is not None and var.high is not None
            if not var.low <= value <= var.high:
                raise ExperimentError(f"{self.id}: input {var.name}={value} is outside "
                                      f"[{var.low:g}, {var.high:g}] {var.unit}".rstrip())
            clean[var.name] = value if var.kind == "integer" else float(value)
        if self.check_structure is not None:
            clean = self.check_structure(clean)
        return clean

    def truth_space(self, experiments: Sequence[Experiment]) -> np.ndarray:
        """The hidden law in the likelihood space, shape ``[N]``."""
        if self.law_table is not None:
            rows = self.law_table(list(experiments))
        else:
            rows = self.hypotheses.table(list(experiments))[self.law_index]
        return np.asarray(rows + self.law_offset, dtype=float)

    def truth(self, experiments: Sequence[Experiment]) -> np.ndarray:
        values = self.truth_space(experiments)
        return np.exp(values) if self.kind == "log" else values

    def run(self, experiment: Experiment, rng: np.random.Generator) -> Observation:
        clean = self.validate(experiment)
        y = float(self.truth([clean])[0])
        if self.noise > 0:
            if self.kind == "log":
                y *= math.exp(self.noise * rng.standard_normal())
            elif self.kind == "linear":
                y += self.noise * rng.standard_normal()
            elif rng.random() < self.noise:
                y = 1.0 - y if self.kind == "binary" else y + float(rng.choice(INTEGER_OFFSETS))
        return Observation(experiment=clean, value=y)

    def columns(self, experiments: Sequence[Experiment]) -> dict[str, np.ndarray]:
        return self.to_columns(list(experiments))


def uniform_log_prior(size: int) -> np.ndarray:
    """``[H]`` log of the uniform distribution."""
    return np.full(size, -math.log(size))


def draw_input(var: Variable, rng: np.random.Generator) -> float | int:
    """One value of ``var`` drawn uniformly on its stated scale."""
    assert var.low is not None and var.high is not None
    if var.kind == "integer":
        return int(rng.integers(int(var.low), int(var.high) + 1))
    if var.scale == "log":
        return float(math.exp(rng.uniform(math.log(var.low), math.log(var.high))))
    return float(rng.uniform(var.low, var.high))


def numeric_columns(inputs: Sequence[Variable]) -> Callable[[Sequence[Experiment]],
                                                             dict[str, np.ndarray]]:
    """``columns`` for a world whose inputs are all numbers."""
    names = [v.name for v in inputs]

    def columns(experiments: Sequence[Experiment]) -> dict[str, np.ndarray]:
        return {n: np.array([float(e[n]) for e in experiments]) for n in names}

    return columns


def world_id(family: str, difficulty: str, seed: int, universe: int | None) -> str:
    """``physics-easy-s3`` or, in a shared universe, ``physics-easy-s3-u7``."""
    base = f"{family}-{difficulty}-s{seed}"
    return base if universe is None else f"{base}-u{universe}"


def universe_rng(family: str, universe: int) -> np.random.Generator:
    """The RNG of a universe: what worlds drawn from it share (a family's altered constants)."""
    return np.random.default_rng([universe, 7919, sum(map(ord, family))])


def world_rng(family: str, seed: int, universe: int | None) -> np.random.Generator:
    """The RNG of one world (deterministic per family, seed and universe)."""
    return np.random.default_rng(
        [seed, 0 if universe is None else universe + 1, sum(map(ord, family)), 31])
