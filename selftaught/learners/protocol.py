"""The `Learner` protocol -- the extension point for "something that learns" -- and its registry.

Why a Protocol and not a base class: a learner may be a scripted stand-in (a
dict lookup), a model that keeps notes in its context, or a model that trains
LoRA weights on itself. They share no implementation, only the verbs a study
run calls, so the contract is structural ("compose, don't inherit").
`check_learner` (in ``check.py``) tests a learner against the contract, and the
test suite runs it over every registered learner, the way Gymnasium runs ``check_env``
over every registered environment.

The registry maps a name (what a user types after ``--learner``) to a factory
``factory(*, book, seed, **options) -> Learner``. A factory receives the whole
textbook because scripted learners stand in for perfect (or perfectly bad)
students by looking answers up in it; model learners ignore it or use only
its ``answer_format``. What a learner is *allowed to learn from* is what the
study run shows it through `study` and `feedback`, never the probes. Other packages
add learners with an entry point in the group ``selftaught.learners`` (name ->
factory; `selftaught.plugins`), and prove them with `check_learner`.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from selftaught.plugins import GROUPS, Registry, callable_plugin
from selftaught.types import Chapter, Costs, Exercise, Grade, Textbook


@runtime_checkable
class Learner(Protocol):
    """A model plus a learning mechanism plus persistent state.

    The study run calls the verbs in this order: ``answer`` (pre-test probes),
    then per chapter ``study`` -> (``answer`` one exercise -> ``feedback``)* ->
    ``answer`` (probes), saving the state with ``save`` after each completed step.
    A control track uses the same learner with learning disabled: the run never
    calls ``study`` or ``feedback`` on it.
    """

    name: str
    """The registry name, e.g. ``memoriser``; recorded with every track."""

    def study(self, chapter: Chapter) -> str | None:
        """Read a chapter's exposition and worked examples and learn from them.

        Returns what the learner derived, as text for the log and the report (its
        notes or self-edits), or None when there is nothing to show (scripted learners).

        The study run passes the `study_view` of the chapter: ``exercises`` and
        ``probes`` emptied. Exercises come one at a time in practice (``answer``
        then ``feedback``), so their answers must not be readable beforehand;
        probes are the hidden quiz and are only ever seen through ``answer``.
        """
        ...

    def answer(self, prompts: list[str]) -> list[str]:
        """Answer a batch of prompts (``Exercise.prompt`` texts): one response per prompt, in order.

        Must not learn from the prompts: probes are answered through this verb
        and a learner that learned from them would contaminate the quiz.
        Answering may advance the learner's random state (sampling).
        """
        ...

    def feedback(self, item: Exercise, response: str, grade: Grade) -> None:
        """Learn from the grade of one practice exercise.

        ``item`` is the full exercise including its reference ``answer``: the
        run shows the solution after grading, like a textbook's answer key.
        ``response`` is what the learner answered; ``grade`` holds the score,
        the correct flag and the checker's feedback text.
        """
        ...

    def costs(self) -> Costs:
        """Cumulative costs since creation (restored by ``load``); every counter only grows."""
        ...

    def save(self, directory: Path) -> None:
        """Write the full state (knowledge, RNG state, cost counters) into an existing directory.

        After ``load`` of that directory, a fresh learner of the same kind must
        behave exactly like this one: same answers, same costs.
        """
        ...

    def load(self, directory: Path) -> None:
        """Replace this learner's state with the one ``save`` wrote into ``directory``."""
        ...


@runtime_checkable
class ScoresAnswers(Protocol):
    """A learner that can score answers: the dense measure beside accuracy.

    Optional: a learner without it (the scripted ones, which have no probabilities) gets
    no ``probe/answer_logprob`` metric, rather than an invented one.
    """

    def answer_logprobs(self, prompts: list[str], references: list[str]) -> list[float]:
        """Mean per-token log-probability of each reference answer to its prompt, as the
        learner would answer now (same prompt, same notes); nan where it cannot be scored.
        Must not learn, and must not change what ``answer`` returns."""
        ...


def answer_logprobs(learner: Learner, prompts: list[str], references: list[str]) -> (
    list[float | None]
):
    """``learner.answer_logprobs`` where the learner has it (nan -> None), else all None."""
    if not isinstance(learner, ScoresAnswers):
        return [None] * len(prompts)
    scores = learner.answer_logprobs(prompts, references)
    if len(scores) != len(prompts):
        raise ValueError(f"learner {learner.name!r}: answer_logprobs returned {len(scores)} "
                         f"scores for {len(prompts)} prompts")
    return [None if s is None or s != s else float(s) for s in scores]


class LearnerFactory(Protocol):
    """Builds a learner for a textbook and a seed; extra options come from the CLI or a config."""

    def __call__(self, *, book: Textbook, seed: int, **options: Any) -> Learner: ...


Grader = Callable[[str, Exercise], Grade]
"""A checker: ``grade(response, item) -> Grade`` (`selftaught.checkers.grade` by default)."""


def default_grader() -> Grader:
    """`selftaught.checkers.grade`, imported on first use so the learners do not depend on it."""
    from selftaught.checkers import grade

    return grade


LEARNERS: Registry[LearnerFactory] = Registry(GROUPS["learners"], "learner",
                                              callable_plugin("learner"))
"""The registry: learner name -> factory. Filled by `register_learner`, and by installed
plugins (entry-point group ``selftaught.learners``: name -> factory), loaded on first use."""


class UnknownLearnerError(KeyError):
    """`make_learner` was asked for a name that is not registered."""

    def __str__(self) -> str:
        return str(self.args[0])


def register_learner(name: str, factory: LearnerFactory) -> None:
    """Register ``factory`` under ``name``; a taken name is an error (no silent override)."""
    if not name or not name.strip():
        raise ValueError("learner name must be a non-empty string")
    if name in LEARNERS and LEARNERS[name] is not factory:
        raise ValueError(f"learner {name!r} is already registered")
    LEARNERS[name] = factory


LAZY_LEARNERS: dict[str, str] = {}
"""Learner name -> module that registers it when imported, for learners whose module is
heavy (model learners import torch): the CLI can list and build them without importing
every learner module at start-up. Filled by `register_learner_module`."""


def register_learner_module(module: str, names: tuple[str, ...]) -> None:
    """Declare that importing ``module`` registers the learners ``names``."""
    for name in names:
        LAZY_LEARNERS.setdefault(name, module)


def learner_names() -> list[str]:
    """Every learner name that `make_learner` accepts, registered or lazily importable."""
    return sorted(set(LEARNERS) | set(LAZY_LEARNERS))


def get_factory(name: str) -> LearnerFactory:
    """The factory registered as ``name``, importing its module first if it is lazy."""
    if name not in LEARNERS and name in LAZY_LEARNERS:
        importlib.import_module(LAZY_LEARNERS[name])
        if name not in LEARNERS:
            raise UnknownLearnerError(
                f"learner {name!r}: module {LAZY_LEARNERS[name]} did not register it"
            )
    try:
        return LEARNERS[name]
    except KeyError:
        known = ", ".join(learner_names()) or "(none registered)"
        raise UnknownLearnerError(
            f"unknown learner {name!r} (expected one of: {known})"
        ) from None


def make_learner(name: str, *, book: Textbook, seed: int, **options: Any) -> Learner:
    """Build the learner registered as ``name`` for ``book`` with its RNG seeded from ``seed``."""
    return get_factory(name)(book=book, seed=seed, **options)


def study_view(chapter: Chapter) -> Chapter:
    """The chapter as a learner may see it while studying: id, title, exposition, examples.

    Exercises (practised later, one at a time, with feedback) and probes (the
    hidden quiz) are emptied. Built with ``model_copy`` (no re-validation),
    because a `Chapter` normally requires both; only the study run and
    `check_learner` build it.
    """
    return chapter.model_copy(update={"exercises": [], "probes": []})


def read_state_meta(directory: Path, kind: str) -> dict[str, Any]:
    """The ``learner.json`` a model learner's `save` wrote in ``directory``, checked to be
    the state of a ``kind`` learner; an unreadable or mismatched one raises `ValueError`."""
    path = Path(directory) / "learner.json"
    try:
        meta: dict[str, Any] = json.loads(path.read_text("utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: unreadable learner state ({exc})") from exc
    if meta.get("kind") != kind:
        raise ValueError(f"{path}: state of a {meta.get('kind')!r} learner, not {kind!r}")
    return meta
