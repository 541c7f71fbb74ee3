"""The scientist loop: experiment -> observation, theories along the way, every step logged.

Read `run_episode` top to bottom: at each step the loop offers the agent random candidate
experiments, the agent picks one, the world runs it, and the experiment, its reading and
its information scores are committed as one event; at the checkpoints (or every step) the
agent states its theory, another event. A killed run resumes from the log: the
observations are replayed into the history and the loop continues at the first step not
yet logged (the candidates and the noise are seeded per step, so the continuation is
the same as an uninterrupted run).

`score_episode` turns a logged episode into its scores, from the events alone.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

import numpy as np

from selftaught.discover.agents import Agent, likelihood_space
from selftaught.discover.scores import (
    CHECKPOINTS,
    expected_information_gain,
    experiments_to_criterion,
    information_efficiency,
    posterior,
    standardised_error,
)
from selftaught.discover.store import DiscoverStore, Episode, Event
from selftaught.discover.theory import (
    Theory,
    explanation_predictions,
    law_recovered,
    predictions,
)
from selftaught.worlds import Experiment, Observation, World

DEFAULT_CANDIDATES = 16
"""Random candidate experiments offered per step."""


def step_rng(seed: int, step: int) -> np.random.Generator:
    """The RNG of one step of one episode: candidates, the agent's tie-breaks, the noise."""
    return np.random.default_rng([seed, step, 104729])


def theory_steps(budget: int, every_step: bool) -> set[int]:
    """Steps (experiments done) at which the agent is asked for its theory."""
    if every_step:
        return set(range(budget + 1))
    return {k for k in CHECKPOINTS if k <= budget} | {budget}


def run_episode(world: World, agent: Agent, store: DiscoverStore, episode: Episode, *,
                candidates: int = DEFAULT_CANDIDATES, every_step: bool = False) -> list[Event]:
    """Run (or resume) one episode of ``agent`` on ``world``; returns its events."""
    events = store.events(episode.id)
    history = [Observation(experiment=e.payload["experiment"], value=e.payload["value"])
               for e in events if e.kind == "experiment"]
    stated = {e.step for e in events if e.kind == "theory"}
    ask = theory_steps(episode.budget, every_step)
    for step in range(len(history), episode.budget + 1):
        if step in ask and step not in stated:
            theory = agent.theorize(world, history)
            store.append(episode.id, step, "theory", _theory_payload(theory))
        if step == episode.budget:
            break
        rng = step_rng(episode.seed, step)
        offered = [world.sample_experiment(rng) for _ in range(candidates)]
        pick = agent.choose(world, history, offered, rng)
        observation = world.run(offered[pick], rng)
        info = reference_information(world, history, offered, pick)
        store.append(episode.id, step, "experiment",
                     {"experiment": observation.experiment, "value": observation.value, **info})
        history.append(observation)
    store.finish(episode.id)
    return store.events(episode.id)


def reference_information(world: World, history: Sequence[Observation],
                          offered: Sequence[Experiment], pick: int) -> dict[str, float]:
    """EIG of the chosen and of every offered experiment under the exact posterior."""
    space = world.hypotheses
    weights = posterior(space.log_prior, space.log_likelihood(history))
    preds = likelihood_space(world, space.predict(history, offered))
    eig = expected_information_gain(weights, preds, world.kind, world.noise)
    return {"eig": float(eig[pick]), "eig_mean": float(eig.mean()), "eig_max": float(eig.max())}


def _theory_payload(theory: Theory | None) -> dict[str, Any]:
    return {"theory": None if theory is None else asdict(theory)}


def theories(events: Sequence[Event]) -> list[tuple[int, Theory | None]]:
    """(step, theory) for every theory event, in order."""
    out: list[tuple[int, Theory | None]] = []
    for e in events:
        if e.kind == "theory":
            raw = e.payload["theory"]
            out.append((e.step, None if raw is None else Theory(**raw)))
    return out


def theory_at(events: Sequence[Event], step: int) -> Theory | None:
    """The latest theory stated after at most ``step`` experiments."""
    latest = None
    for s, theory in theories(events):
        if s <= step:
            latest = theory
    return latest


def score_episode(world: World, events: Sequence[Event], budget: int) -> dict[str, Any]:
    """Every score of one logged episode (a pure function of the world and the events)."""
    truth = world.truth(world.queries)
    steps = sorted({s for s, _ in theories(events)})
    error_by_step: dict[int, float] = {}
    recovered_by_step: dict[int, bool] = {}
    judged: dict[str | None, tuple[float, bool]] = {}  # theories repeat from step to step
    for s in steps:
        theory = theory_at(events, s)
        text = None if theory is None else theory.text
        if text not in judged:
            values, _ = predictions(world, text)
            judged[text] = (standardised_error(values, truth, world.kind),
                            law_recovered(world, text))
        error_by_step[s], recovered_by_step[s] = judged[text]
    checkpoints = {k: error_by_step[max(s for s in steps if s <= k)]
                   for k in sorted({*(c for c in CHECKPOINTS if c <= budget), budget})}
    final = theory_at(events, budget)
    explained, _ = explanation_predictions(world, "" if final is None else final.explanation)
    infos = [information_efficiency(e.payload["eig"], [e.payload["eig_mean"],
                                                       e.payload["eig_max"]])
             for e in events if e.kind == "experiment"]
    vs_random = [e.payload["eig"] / e.payload["eig_mean"] for e in events
                 if e.kind == "experiment" and e.payload["eig_mean"] > 0]
    vs_optimal = [e.payload["eig"] / e.payload["eig_max"] for e in events
                  if e.kind == "experiment" and e.payload["eig_max"] > 0]
    met = [recovered_by_step.get(k, False) for k in range(budget + 1)] if len(steps) == (
        budget + 1) else []
    to_criterion = experiments_to_criterion(met) if met else None
    return {
        "world": world.id,
        "errors": {str(k): v for k, v in checkpoints.items()},
        "error_by_step": {str(k): v for k, v in error_by_step.items()},
        "recovered": recovered_by_step.get(budget, False),
        "experiments_to_recovery": to_criterion,
        "explanation_error": standardised_error(explained, truth, world.kind),
        "progress_reward": (checkpoints[0] - error_by_step[budget]) / budget if budget else 0.0,
        "eig_mean": float(np.mean([i["eig"] for i in infos])) if infos else math.nan,
        "eig_vs_random": float(np.mean(vs_random)) if vs_random else math.nan,
        "eig_vs_optimal": float(np.mean(vs_optimal)) if vs_optimal else math.nan,
        "final_theory": None if final is None else final.text,
        "law": world.law_text,
    }
