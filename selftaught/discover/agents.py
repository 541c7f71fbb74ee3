"""Agents of the scientist loop: who chooses the next experiment and states the theory.

An agent is anything with ``name``, ``choose(world, history, candidates, rng) -> int``
(which of the offered candidate experiments to run next) and ``theorize(world,
history) -> Theory | None``. The loop offers random candidates at every step, so all
agents choose from the same menu and their choices can be compared by EIG.

Built-ins (`AGENTS`):

* ``random``: a random candidate; theory = the best-fitting hypothesis (the baseline).
* ``active``: the candidate on which the *surviving* hypotheses (those within
  `SURVIVAL_NATS` of the best fit) disagree most -- query-by-committee vote entropy,
  every survivor one equal vote; theory = best fit.
* ``bayes``: the reference: the candidate of maximum expected information gain under the
  exact posterior; theory = the posterior mode. Bayes-optimal one step ahead.
* ``learning``: ``bayes`` whose prior comes from its notes on earlier worlds of the family
  (`Notes`), so it needs fewer experiments when the worlds share structure.
* ``llm``: a language model choosing among offered options (`selftaught.discover.llm`).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from selftaught.discover.scores import expected_information_gain, posterior
from selftaught.discover.theory import Theory
from selftaught.worlds import Experiment, Observation, World

SURVIVAL_NATS = math.log(1000.0)
"""A hypothesis survives while its likelihood is within a factor 1000 of the best fit's."""


class Agent(Protocol):
    """The agent protocol of the scientist loop."""

    name: str

    def choose(self, world: World, history: Sequence[Observation],
               candidates: Sequence[Experiment], rng: np.random.Generator) -> int:
        """Index of the candidate experiment to run next."""
        ...

    def theorize(self, world: World, history: Sequence[Observation]) -> Theory | None:
        """The current theory (None: none yet)."""
        ...


def likelihood_space(world: World, values: np.ndarray) -> np.ndarray:
    """Predictions moved to the space the noise is Gaussian in (log y for log worlds)."""
    return np.log(np.maximum(values, 1e-300)) if world.kind == "log" else values


def explain(world: World, text: str) -> str:
    """A plain-words explanation that states the law operationally (so a reader can use it)."""
    if world.theory_kind == "rule":
        return (f"A group has the property exactly when: {text}. "
                f"Every other group lacks it.")
    return (f"The measured {world.output.name} follows {world.output.name} = {text}. "
            f"It depends on {', '.join(v.name for v in world.inputs)} as written.")


def map_theory(world: World, history: Sequence[Observation], log_prior: np.ndarray | None = None
               ) -> Theory:
    """The posterior mode of the world's hypothesis space as a stated theory."""
    space = world.hypotheses
    prior = space.log_prior if log_prior is None else log_prior
    index = int(np.argmax(prior + space.log_likelihood(history)))
    text = space.theory(index, history)
    return Theory(text=text, explanation=explain(world, text), kind=world.theory_kind,
                  hypothesis=index)


@dataclass
class RandomAgent:
    """Random experiments, best-fit theory: the baseline."""

    name: str = "random"

    def choose(self, world: World, history: Sequence[Observation],
               candidates: Sequence[Experiment], rng: np.random.Generator) -> int:
        return int(rng.integers(len(candidates)))

    def theorize(self, world: World, history: Sequence[Observation]) -> Theory | None:
        return map_theory(world, history) if history else None


@dataclass
class ActiveAgent:
    """Maximum disagreement among the surviving hypotheses; best-fit theory.

    Disagreement is query-by-committee's *vote entropy*: the committee is every surviving
    hypothesis with one equal vote, and a candidate scores the entropy of the votes'
    readings (binned at the noise resolution, as in `expected_information_gain`). Unlike
    the variance of the predictions, it is not dominated by a few extreme hypotheses, so
    it does not keep choosing the same corner of the input space.
    """

    name: str = "active"

    def choose(self, world: World, history: Sequence[Observation],
               candidates: Sequence[Experiment], rng: np.random.Generator) -> int:
        space = world.hypotheses
        loglik = space.log_likelihood(history)
        alive = loglik >= loglik.max() - SURVIVAL_NATS
        preds = likelihood_space(world, space.predict(history, candidates)[alive])
        votes = np.full(int(alive.sum()), 1.0 / int(alive.sum()))
        entropy = expected_information_gain(votes, preds, world.kind, world.noise)
        best = np.flatnonzero(entropy >= entropy.max() - 1e-12)
        return int(rng.choice(best))

    def theorize(self, world: World, history: Sequence[Observation]) -> Theory | None:
        return map_theory(world, history) if history else None


@dataclass
class BayesAgent:
    """The reference: maximum expected information gain under the exact posterior."""

    name: str = "bayes"
    log_prior: np.ndarray | None = None
    """Prior over the world's hypotheses (None: the world's own)."""

    def prior(self, world: World) -> np.ndarray:
        return world.hypotheses.log_prior if self.log_prior is None else self.log_prior

    def choose(self, world: World, history: Sequence[Observation],
               candidates: Sequence[Experiment], rng: np.random.Generator) -> int:
        space = world.hypotheses
        weights = posterior(self.prior(world), space.log_likelihood(history))
        preds = likelihood_space(world, space.predict(history, candidates))
        eig = expected_information_gain(weights, preds, world.kind, world.noise)
        best = np.flatnonzero(eig >= eig.max() - 1e-12)
        return int(rng.choice(best))

    def theorize(self, world: World, history: Sequence[Observation]) -> Theory | None:
        if not history and self.log_prior is None:
            return None
        return map_theory(world, history, self.prior(world))


@dataclass
class Notes:
    """What a learning agent wrote down after each world: the features of its final theory.

    Kept as text lines (``physics: x2^-3``) so they can be read, saved and edited; the prior
    they induce weights each hypothesis by how often its features were seen before
    (a Dirichlet-smoothed count per feature, `SMOOTHING` pseudo-counts).
    """

    lines: list[str] = field(default_factory=list)
    worlds: int = 0

    SMOOTHING = 0.5
    CHOICES = 8.0
    """Assumed number of values per feature slot in the smoothing denominator."""

    def add(self, family: str, features: Sequence[str]) -> None:
        self.lines += [f"{family}: {f}" for f in features]
        self.worlds += 1

    def log_prior(self, world: World) -> np.ndarray:
        space = world.hypotheses
        seen = Counter(line.split(": ", 1)[1] for line in self.lines
                       if line.startswith(world.family + ": "))
        if not seen:
            return space.log_prior
        denom = self.worlds + self.SMOOTHING * self.CHOICES
        logp = np.array([sum(math.log((seen[f] + self.SMOOTHING) / denom)
                             for f in space.features(i)) for i in range(space.size)])
        logp = space.log_prior + logp
        return np.asarray(logp - np.logaddexp.reduce(logp))

    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass
class LearningAgent:
    """``bayes`` with a prior learned from notes on earlier worlds of the same family."""

    name: str = "learning"
    notes: Notes = field(default_factory=Notes)
    _cache: dict[str, np.ndarray] = field(default_factory=dict, repr=False)

    def _agent(self, world: World) -> BayesAgent:
        if world.id not in self._cache:
            self._cache = {world.id: self.notes.log_prior(world)}
        return BayesAgent(name=self.name, log_prior=self._cache[world.id])

    def choose(self, world: World, history: Sequence[Observation],
               candidates: Sequence[Experiment], rng: np.random.Generator) -> int:
        return self._agent(world).choose(world, history, candidates, rng)

    def theorize(self, world: World, history: Sequence[Observation]) -> Theory | None:
        if not history and not self.notes.lines:
            return None
        return self._agent(world).theorize(world, history)

    def finish(self, world: World, theory: Theory | None) -> None:
        """Write down the final theory's features (nothing about the hidden law itself)."""
        if theory is not None and theory.hypothesis is not None:
            self.notes.add(world.family, world.hypotheses.features(theory.hypothesis))
            self._cache = {}


AgentFactory = Callable[..., Any]
AGENTS: dict[str, AgentFactory] = {
    "random": RandomAgent, "active": ActiveAgent, "bayes": BayesAgent, "learning": LearningAgent,
}
"""Agent factories by name; ``llm`` lives in `selftaught.discover.llm` (it loads a model), and
`selftaught.discover.registry.make_agent` builds any of them."""
