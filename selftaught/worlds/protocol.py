"""The `World` protocol: a system with a hidden law that an agent can experiment on.

Why one small protocol: the scientist loop, the scores and every agent talk to a world
only through these names, so a user's own world (a simulator, a lab instrument
behind an API) plugs in by providing them, and `check_world` tells them what is
missing. A world says what can be set (`inputs`: names, ranges, units) and what is
measured (`output`), runs an experiment and returns a noisy `Observation`, and
keeps its hidden law and a held-out query set to score theories on.

Worlds here also expose a finite `HypothesisSpace` that contains the hidden law:
that is what makes the Bayesian-optimal reference and exact expected information
gain tractable (BoxingGym's and NewtonBench's worlds are scored the same way:
prediction error on held-out points, plus law recovery).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol, runtime_checkable

import numpy as np

Experiment = dict[str, Any]
"""One setting of every input, JSON-serialisable: ``{"m1": 2.0, "m2": 0.5, "r": 3.0}``."""

OutputKind = Literal["log", "linear", "integer", "binary"]
"""How the output is measured and scored.

* ``log``: positive reals; noise is multiplicative (Gaussian with sd ``noise`` in log space)
  and errors are computed on ``log(y)`` (NewtonBench uses a log error for the same reason:
  laws span orders of magnitude).
* ``linear``: reals with additive Gaussian noise of sd ``noise`` (output units).
* ``integer``: integers; with probability ``noise`` a reading is off by ±1 or ±2.
* ``binary``: yes (1) / no (0); with probability ``noise`` the answer is flipped.
"""

TheoryKind = Literal["formula", "rule"]
Difficulty = Literal["easy", "medium", "hard"]
DIFFICULTIES: tuple[Difficulty, ...] = ("easy", "medium", "hard")


@dataclass(frozen=True)
class Variable:
    """One thing that can be set (an input) or measured (the output)."""

    name: str
    """Identifier used in experiments and in theories (``m1``, ``R_L``, ``n``)."""
    unit: str = ""
    """Physical unit, or "" for pure numbers."""
    low: float | None = None
    """Smallest settable value (None: not a number, e.g. a structured object)."""
    high: float | None = None
    """Largest settable value."""
    kind: Literal["real", "integer", "structure"] = "real"
    """``structure``: a small object described in ``description`` (Zendo pieces)."""
    description: str = ""
    """One line for agents and the report."""
    scale: Literal["linear", "log"] = "linear"
    """How a random experiment draws this input: uniform in the value or in its logarithm
    (for a range spanning decades, e.g. a load of 1 to 1000 ohms)."""


@dataclass(frozen=True)
class Observation:
    """What one experiment returned."""

    experiment: Experiment
    value: float
    """The measured output (noisy when the world's ``noise`` > 0)."""


class ExperimentError(ValueError):
    """An experiment names an unknown input, misses one, or is out of range."""


@runtime_checkable
class HypothesisSpace(Protocol):
    """A finite set of candidate laws, one of which is the hidden law.

    Each hypothesis may have free constants, fitted to the observations by the space
    itself (least squares in the likelihood space), so `log_likelihood` is the
    profile likelihood and `predict` uses the fitted constants.
    """

    size: int
    log_prior: np.ndarray
    """Shape ``[H]``: the family's prior over hypotheses (log, normalised)."""

    def log_likelihood(self, observations: Sequence[Observation]) -> np.ndarray:
        """Shape ``[H]``: log p(observations | hypothesis, fitted constants)."""
        ...

    def predict(
        self, observations: Sequence[Observation], experiments: Sequence[Experiment],
    ) -> np.ndarray:
        """Shape ``[H, N]``: each hypothesis's noise-free prediction, constants fitted."""
        ...

    def theory(self, index: int, observations: Sequence[Observation]) -> str:
        """Hypothesis ``index`` as theory text (formula or rule), constants filled in."""
        ...

    def features(self, index: int) -> tuple[str, ...]:
        """Short tags of a hypothesis's structure (``r^-3``, ``mod``), for learning agents."""
        ...


@runtime_checkable
class World(Protocol):
    """A procedurally generated system with a hidden law."""

    id: str
    """``<family>-<difficulty>-s<seed>`` (``-u<universe>`` when drawn from a shared universe)."""
    family: str
    difficulty: Difficulty
    noise: float
    inputs: tuple[Variable, ...]
    output: Variable
    kind: OutputKind
    theory_kind: TheoryKind
    attributes: tuple[str, ...]
    """Attribute values a rule may count (rule worlds); () for formula worlds."""
    description: str
    """What the agent is told about the system (never the law)."""
    queries: tuple[Experiment, ...]
    """Held-out experiments the theories are scored on; never offered as experiments."""
    @property
    def hypotheses(self) -> HypothesisSpace:
        """The finite hypothesis space that contains the hidden law."""
        ...

    law_index: int
    """Index of the hidden law in ``hypotheses``."""
    law_text: str
    """The hidden law as theory text (revealed at the end of a run)."""
    prior_guess: float
    """What a predictor with no theory predicts (the output's typical value)."""
    fitted_constants: bool
    """True: the law has continuous constants (a physical law's C) that law recovery refits;
    False: every number in the law is part of it (resistor values, integer coefficients)."""

    def sample_experiment(self, rng: np.random.Generator) -> Experiment:
        """A random valid experiment (uniform over the stated ranges)."""
        ...

    def validate(self, experiment: Experiment) -> Experiment:
        """The experiment, normalised; raises `ExperimentError` naming the bad input."""
        ...

    def run(self, experiment: Experiment, rng: np.random.Generator) -> Observation:
        """Perform an experiment; the noise is drawn from ``rng``."""
        ...

    def truth(self, experiments: Sequence[Experiment]) -> np.ndarray:
        """The hidden law's noise-free values, shape ``[N]``."""
        ...

    def columns(self, experiments: Sequence[Experiment]) -> dict[str, np.ndarray]:
        """Experiments as named columns, to evaluate a parsed theory on (`language.evaluate`)."""
        ...
