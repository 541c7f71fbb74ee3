"""Labs in textbooks: chapters whose material is a world's lab record, not exposition.

A lab chapter is an ordinary `Chapter`, so study runs, the accuracy matrix and the
progress reward apply unchanged: its exposition is what the world says about itself plus
the measurements a reference experimenter (``bayes``, or any agent) took in it -- the lab
notebook -- its exercises ask for further measurements (and the feedback reveals them), and
its probes are the world's held-out queries, asked in other words. A learner that infers
the law from the record predicts the probes; one that memorises the record cannot, since
no probe is a recorded experiment.

``generate_discovery(seed=..., chapters=4)`` makes a textbook of labs, one world per
chapter, cycling through the families; it is the textbook domain ``discovery``
(``selftaught run --domain discovery``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from selftaught.discover.loop import step_rng
from selftaught.discover.registry import make_agent
from selftaught.types import Chapter, CheckerSpec, Exercise, Textbook
from selftaught.worlds import Experiment, Observation, World, make_world

FAMILY_ORDER = ("integers", "physics", "circuit", "zendo")


def _setting(world: World, experiment: Experiment) -> str:
    if world.theory_kind == "rule":
        return "the group " + " + ".join(" ".join(p) for p in experiment["pieces"])
    return ", ".join(f"{k} = {_num(v)}" for k, v in experiment.items())


def _num(value: float) -> str:
    return f"{value:.4g}" if isinstance(value, float) else str(value)


def _answer(world: World, value: float) -> tuple[str, CheckerSpec]:
    if world.kind == "binary":
        return ("yes" if value >= 0.5 else "no"), CheckerSpec(kind="choice",
                                                             options=["yes", "no"])
    if world.kind == "integer":
        return str(round(value)), CheckerSpec(kind="numeric", tolerance=0.0)
    return f"{value:.4g}", CheckerSpec(kind="numeric", rel_tolerance=0.05)


def _question(world: World, experiment: Experiment, style: int) -> str:
    setting = _setting(world, experiment)
    if world.kind == "binary":
        forms = (f"Does {setting} have the property?",
                 f"In the lab, would {setting} show the hidden property (yes or no)?")
    else:
        out = world.output.name
        forms = (f"What is {out} when {setting}?",
                 f"In the lab, what would you measure for {out} at {setting}?")
    return forms[style]


def lab_chapter(world: World, *, number: int, experiments: int = 8, exercises: int = 4,
                probes: int = 8, agent: str = "bayes", seed: int = 0) -> Chapter:
    """The lab chapter of ``world``: its record of ``experiments`` measurements (chosen by
    ``agent``), ``exercises`` further measurements to predict, ``probes`` held-out queries."""
    if exercises < 1 or probes < 1:
        raise ValueError(f"a lab chapter needs >= 1 exercise and probe, got {exercises}, "
                         f"{probes}")
    probes = min(probes, len(world.queries))  # a world has only so many held-out queries
    chooser = make_agent(agent)
    history: list[Observation] = []
    for step in range(experiments + exercises):
        rng = step_rng(seed, step)
        offered = [world.sample_experiment(rng) for _ in range(16)]
        history.append(world.run(offered[chooser.choose(world, history, offered, rng)], rng))
    record, practice = history[:experiments], history[experiments:]
    lines = [f"Lab {number}: {world.description}",
             "Inputs: " + "; ".join(f"{v.name} ({v.description or v.kind}"
                                    f"{', ' + v.unit if v.unit else ''})" for v in world.inputs),
             "Measurements taken so far:"]
    lines += [f"- {_setting(world, o.experiment)}: {world.output.name} = "
              f"{_answer(world, o.value)[0]}" for o in record]
    items = _items(world, [o.experiment for o in practice], world.truth(
        [o.experiment for o in practice]), f"lab{number}-x", 0)
    checks = _items(world, list(world.queries[:probes]), world.truth(world.queries[:probes]),
                    f"lab{number}-p", 1)
    return Chapter(id=f"c{number}", title=f"Lab {number}: {world.family} ({world.id})",
                   exposition="\n".join(lines), exercises=items, probes=checks)


def _items(world: World, experiments: Sequence[Experiment], truth: np.ndarray, prefix: str,
           style: int) -> list[Exercise]:
    out = []
    for k, (e, value) in enumerate(zip(experiments, truth, strict=True)):
        answer, checker = _answer(world, float(value))
        out.append(Exercise(id=f"{prefix}{k + 1}", prompt=_question(world, e, style),
                            answer=answer, checker=checker, skill=world.family))
    return out


def generate_discovery(*, seed: int, chapters: int = 4, exercises: int = 4, probes: int = 8,
                       difficulty: str = "easy") -> Textbook:
    """A textbook of ``chapters`` labs (one world each, families in turn), deterministic."""
    labs = []
    for c in range(1, chapters + 1):
        family = FAMILY_ORDER[(c - 1) % len(FAMILY_ORDER)]
        world = make_world(family, seed=seed * 100 + c, difficulty=difficulty)
        labs.append(lab_chapter(world, number=c, exercises=exercises, probes=probes, seed=seed))
    return Textbook(id=f"discovery-s{seed}", title="Labs: worlds with hidden laws",
                    domain="discovery", seed=seed, chapters=labs,
                    description="Each chapter is a lab: a record of measurements in a world "
                                "whose law is hidden; predict what the next measurement shows.")
