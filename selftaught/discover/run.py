"""`run_discover`: agents x worlds x seeds into one run directory, scored with CIs.

Orchestration lives here (the CLI only parses and prints). A target is a world id
(``physics-easy-s3``: that world, ``seeds`` episodes with different experiment seeds) or a
family (``physics``: ``seeds`` freshly generated worlds). The ``learning`` agent instead
runs *series*: for each seed ``u`` it meets `SERIES_LENGTH` worlds of universe ``u`` one
after another, keeping its notes, and is scored by experiments-to-recovery on the last
world against the first; the ``bayes`` reference is run on the same worlds as its control.

Everything is committed to ``discover.sqlite`` as it happens; rerunning the same command
on the same run directory resumes. ``summary.json`` holds every headline number.
"""

from __future__ import annotations

import json
import math
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from selftaught.discover.agents import LearningAgent
from selftaught.discover.loop import DEFAULT_CANDIDATES, run_episode, score_episode, theory_at
from selftaught.discover.parallel import run_units_on_ray
from selftaught.discover.registry import make_agent
from selftaught.discover.store import STORE_FILE, DiscoverStore, Episode, Event
from selftaught.fileio import exclusive_lock, write_text_atomic
from selftaught.metrics.bootstrap import bootstrap_ci
from selftaught.study.parallel import RayConfig
from selftaught.worlds import FAMILIES, World, make_world, world_from_id

SERIES_LENGTH = 5
SUMMARY_FILE = "summary.json"


class DiscoverError(ValueError):
    """Bad discover settings or run directory; the message names the fix."""


@dataclass(frozen=True)
class DiscoverConfig:
    """One ``selftaught discover`` run."""

    target: str
    """A world id (``physics-easy-s0``) or a family (``physics``)."""
    agents: tuple[str, ...] = ("random", "active", "bayes")
    seeds: int = 5
    """Worlds (family target), experiment seeds (world target) or series (learning agent)."""
    budget: int = 10
    """Experiments per episode."""
    difficulty: str = "easy"
    """Difficulty of a family target's worlds."""
    noise: float | None = None
    """Measurement noise (None: the family's default)."""
    candidates: int = DEFAULT_CANDIDATES
    """Random candidate experiments offered per step."""
    model: str | None = None
    """Model of the ``llm`` agent (None: the embedded default)."""
    series_length: int = SERIES_LENGTH
    """Worlds per series of the learning agent."""


@dataclass
class Summary:
    """The headline numbers of a run (written as ``summary.json``)."""

    config: dict[str, Any]
    agents: dict[str, dict[str, Any]] = field(default_factory=dict)
    episodes: list[dict[str, Any]] = field(default_factory=list)


def _family_of(target: str) -> str:
    return target if target in FAMILIES else target.split("-", 1)[0]


def plan(config: DiscoverConfig) -> list[tuple[str, World, int, str, int]]:
    """(agent, world, seed, series, position) for every episode, in run order."""
    if config.budget < 0 or config.seeds < 1 or config.candidates < 1:
        raise DiscoverError("--budget must be >= 0, --seeds and candidates >= 1")
    out: list[tuple[str, World, int, str, int]] = []
    family_target = config.target in FAMILIES
    for agent in config.agents:
        for s in range(config.seeds):
            if agent == "learning":
                if not family_target:
                    raise DiscoverError("the learning agent needs a family target (e.g. "
                                        "physics), not one world")
                for k in range(config.series_length):
                    world = make_world(config.target, seed=k, difficulty=config.difficulty,
                                       noise=config.noise, universe=s)
                    out.append((agent, world, s, f"u{s}", k))
                    out.append(("bayes", world, s, f"control-u{s}", k))
                continue
            if family_target:
                world = make_world(config.target, seed=s, difficulty=config.difficulty,
                                   noise=config.noise)
                out.append((agent, world, 0, "", 0))
            else:
                out.append((agent, world_from_id(config.target, noise=config.noise), s, "", 0))
    return out


def run_discover(config: DiscoverConfig, run_dir: Path, *, ray: RayConfig | None = None
                 ) -> Summary:
    """Run (or resume) every episode of ``config`` in ``run_dir``; write ``summary.json``.

    With ``ray`` the episodes run on Ray workers first (`selftaught.discover.parallel`;
    this process alone writes the store), then are scored here as in a serial run.
    """
    run_dir = Path(run_dir)
    if run_dir.is_file() or (run_dir.is_dir() and not (run_dir / STORE_FILE).exists() and any(
            p.name != ".lock" for p in run_dir.iterdir())):
        raise DiscoverError(f"{run_dir}: exists and is not a discover run; choose another "
                            f"--run-dir")
    episodes = plan(config)

    def busy() -> Exception:
        return DiscoverError(f"{run_dir}: another selftaught discover is running there")

    with exclusive_lock(run_dir / ".lock", busy), DiscoverStore(run_dir / STORE_FILE) as store:
        saved = store.meta("run_config")
        mine = json.dumps(asdict(config), sort_keys=True)
        if saved is not None and saved != mine:
            raise DiscoverError(f"{run_dir}: holds a run with other settings; rerun into a "
                                f"new --run-dir")
        store.set_meta("run_config", mine)
        ids = [_episode_row(store, config, e).id for e in episodes]
        if ray is not None:
            run_units_on_ray(store, config, units(episodes), ids, run_unit, ray)
        agents = Agents(config)
        rows: list[dict[str, Any]] = []
        for name, world, seed, series, position in episodes:
            agent = agents.get(name, series)
            episode = _episode_row(store, config, (name, world, seed, series, position))
            events = run_episode(world, agent, store, episode, candidates=config.candidates,
                                 every_step=name != "llm")
            if isinstance(agent, LearningAgent):
                agent.finish(world, theory_at(events, config.budget))
            score = score_episode(world, events, config.budget)
            score |= {"agent": name, "seed": seed, "series": series, "position": position,
                      "theories": [[e.step, e.payload["theory"]["text"]] for e in events
                                   if e.kind == "theory" and e.payload["theory"] is not None]}
            rows.append(score)
    summary = summarise(config, rows)
    write_text_atomic(run_dir / SUMMARY_FILE, json.dumps(asdict(summary), indent=2,
                                                         sort_keys=True))
    return summary


PlannedEpisode = tuple[str, World, int, str, int]


class Agents:
    """The agents of a run: one per name, and one learning agent per series."""

    def __init__(self, config: DiscoverConfig) -> None:
        self.config = config
        self.learners: dict[str, LearningAgent] = {}
        self.agents: dict[str, Any] = {}

    def get(self, name: str, series: str) -> Any:
        if name == "learning":
            return self.learners.setdefault(series, LearningAgent())
        if name not in self.agents:
            model = self.config.model
            self.agents[name] = make_agent(name, **({"model": model} if name == "llm" and model
                                                     else {}))
        return self.agents[name]


def _episode_row(store: DiscoverStore, config: DiscoverConfig, planned: PlannedEpisode) -> Episode:
    name, world, seed, series, position = planned
    return store.episode(world_id=world.id, noise=world.noise, agent=name, seed=seed,
                         budget=config.budget, series=series, position=position)


def units(episodes: list[PlannedEpisode]) -> list[list[int]]:
    """Episode indices grouped into what must run in one place: a learning series together
    (in order), every other episode alone."""
    grouped: dict[Any, list[int]] = {}
    for i, planned in enumerate(episodes):
        name, series = planned[0], planned[3]
        grouped.setdefault(("series", series) if name == "learning" else ("episode", i),
                           []).append(i)
    return list(grouped.values())


def run_unit(config: DiscoverConfig, indices: list[int],
             logged: list[list[Event]]) -> list[list[Event]]:
    """On a worker: the unit's episodes, in order, in a scratch store seeded with ``logged``;
    every episode's events (what the serial loop would have logged)."""
    episodes = plan(config)
    agents = Agents(config)
    out: list[list[Event]] = []
    with tempfile.TemporaryDirectory(prefix="selftaught-discover-") as scratch, \
            DiscoverStore(Path(scratch) / STORE_FILE) as store:
        for i, before in zip(indices, logged, strict=True):
            name, world, _seed, series, _position = episodes[i]
            agent = agents.get(name, series)
            episode = _episode_row(store, config, episodes[i])
            for event in before:
                store.append(episode.id, event.step, event.kind, event.payload)
            events = run_episode(world, agent, store, episode, candidates=config.candidates,
                                 every_step=name != "llm")
            if isinstance(agent, LearningAgent):
                agent.finish(world, theory_at(events, config.budget))
            out.append(events)
    return out


def _ci(values: list[float]) -> dict[str, float | int | None]:
    clean = [v for v in values if v is not None and math.isfinite(v)]
    if not clean:
        return {"mean": None, "lo": None, "hi": None, "n": 0}
    mean, lo, hi = bootstrap_ci(clean)
    return {"mean": mean, "lo": None if math.isnan(lo) else lo,
            "hi": None if math.isnan(hi) else hi, "n": len(clean)}


def summarise(config: DiscoverConfig, rows: list[dict[str, Any]]) -> Summary:
    """Per-agent means with 95% bootstrap CIs over episodes (pure function of the rows)."""
    summary = Summary(config=asdict(config), episodes=[_clean(r) for r in rows])
    groups: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        key = r["agent"] if not r["series"].startswith("control") else "bayes (control)"
        groups.setdefault(key, []).append(r)
    for name, group in groups.items():
        entry: dict[str, Any] = {"episodes": len(group)}
        for k in group[0]["errors"]:
            entry[f"error@{k}"] = _ci([r["errors"][k] for r in group])
        entry["recovery"] = _ci([float(r["recovered"]) for r in group])
        entry["explanation_error"] = _ci([r["explanation_error"] for r in group])
        entry["progress_reward"] = _ci([r["progress_reward"] for r in group])
        entry["eig_vs_random"] = _ci([r["eig_vs_random"] for r in group])
        entry["eig_vs_optimal"] = _ci([r["eig_vs_optimal"] for r in group])
        if any(r["series"] for r in group):
            budget_miss = config.budget + 1
            by_pos: dict[int, list[float]] = {}
            for r in group:
                etr = r["experiments_to_recovery"]
                by_pos.setdefault(r["position"], []).append(
                    float(budget_miss if etr is None else etr))
            entry["experiments_to_recovery_by_world"] = {
                str(p + 1): _ci(v) for p, v in sorted(by_pos.items())}
            first, last = by_pos.get(0, []), by_pos.get(max(by_pos), [])
            if first and last and np.mean(first) > 0:
                entry["world_last_over_first"] = float(np.mean(last) / np.mean(first))
        summary.agents[name] = entry
    return summary


def _clean(row: dict[str, Any]) -> dict[str, Any]:
    return {k: (None if isinstance(v, float) and not math.isfinite(v) else v)
            for k, v in row.items()}
