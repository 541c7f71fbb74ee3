"""Honest evaluation: does the meta-trained writer make a learner learn UNSEEN books faster?

On every evaluation book (unseen seeds of the training domain, and the held-out
domain; `check_disjoint` asserts none shares content or a probe with a training or
validation book) three tracks run the full study protocol (`run_track`: pre-test,
study, practice with feedback, probes after every chapter):

* ``control`` -- the stateless model, learning disabled;
* ``base``    -- the learner (``config.memory`` kind) writing its self-edits with the
  base model, i.e. the same learner before meta-training;
* ``meta``    -- the same learner writing with the meta-trained policy (its
  ``writer`` is the policy's sampler checkpoint).

Each learner is compared with the control by a `MetricCard` (controlled gain,
forgetting, cost, 95% bootstrap intervals over books). The headline is DESIGN §7's
ratio ``meta controlled gain / base controlled gain`` (target ≥ 1.5), reported with
the paired per-book difference and its interval; the ratio is ``None`` when the base
gain is ≤ 0 (a ratio of a non-positive gain means nothing). The probes of these books
are never seen by the trainer: they are read only here, after training.

The tracks live in their own run store (``eval/iter_<n>/run.sqlite``), so an
evaluation killed midway resumes where it stopped, like any study run.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from selftaught.fileio import write_text_atomic
from selftaught.learners.model import LearnerKind, ModelLearner, ModelLearnerConfig
from selftaught.metatrain.config import (
    BookRef,
    MetaTrainConfig,
    check_disjoint,
    eval_refs,
    make_book,
    train_refs,
    val_refs,
)
from selftaught.metrics import MetricCard, bootstrap_ci
from selftaught.study import RunStore, RunStoreError, StudyConfig, book_hash, run_track
from selftaught.types import StudyEvent

ROLES: tuple[str, ...] = ("control", "base", "meta")
HEADLINE: tuple[str, ...] = (
    "gain/controlled", "probe/post_study", "forgetting/max", "cost/tokens_per_chapter",
    "cost/seconds_per_chapter",
)


@dataclass(frozen=True)
class Interval:
    """A mean with its 95% bootstrap interval over books (nan bounds when n = 1)."""

    mean: float
    lo: float
    hi: float


@dataclass(frozen=True)
class EvalSummary:
    """The evaluation of one policy checkpoint against the base writer."""

    iteration: int
    writer: str
    """The meta-trained writer's sampler checkpoint."""
    books: list[str]
    meta: dict[str, Interval]
    """Headline metrics of the meta-writer learner vs control."""
    base: dict[str, Interval]
    """Headline metrics of the base-writer learner vs control."""
    gain_difference: Interval
    """Per-book (meta − base) controlled gain, paired."""
    ratio: float | None
    """meta / base mean controlled gain (DESIGN §7 target ≥ 1.5); None if base gain ≤ 0."""
    per_book: list[dict[str, Any]]
    """Per book: ``book``, ``domain``, ``meta_gain``, ``base_gain``."""

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, sort_keys=True)


StepFn = Callable[[str], None]
"""Called with a description after each completed study step (progress bars)."""


def learner_config(config: MetaTrainConfig, writer: str | None) -> ModelLearnerConfig:
    """The evaluated learner: the model learner writing its own self-edits (or notes).

    The inner loop's rank, learning rate, answer length and writing budget are the
    learner's, so the policy is trained for the learner it is evaluated in.
    """
    return ModelLearnerConfig(
        model=config.model, rank=config.inner_rank, learning_rate=config.inner_lr,
        study_steps=config.eval_study_steps, flashcards=config.eval_flashcards,
        max_answer_tokens=config.answer_tokens, max_write_tokens=config.write_tokens,
        model_written=True, writer=writer,
    )


def evaluate(
    config: MetaTrainConfig,
    directory: Path,
    *,
    iteration: int,
    writer: str,
    service: Any,
    on_step: StepFn | None = None,
) -> EvalSummary:
    """Run (or resume) the evaluation tracks in ``directory``; write ``summary.json``."""
    refs = eval_refs(config)
    books = [make_book(config, r) for r in refs]
    seen = [make_book(config, r) for r in (*train_refs(config), *val_refs(config))]
    check_disjoint(seen, books)
    with RunStore(directory / "run.sqlite") as store:
        roles = _tracks(store, books, config)
        for track in store.tracks():
            if track.status == "done":
                continue
            role, b = roles[track.id]
            kind: LearnerKind = "stateless" if role == "control" else config.memory
            learner = ModelLearner(
                kind=kind, seed=config.seed, service=service,
                config=learner_config(config, writer if role == "meta" else None),
            )
            run_track(
                store, track.id, books[b], learner, StudyConfig(seed=config.seed),
                on_step=_step_callback(on_step, f"eval {refs[b].label} {role}"),
            )
        events = {(roles[t.id][0], roles[t.id][1]): store.events(t.id) for t in store.tracks()}
    summary = summarise(config, refs, events, iteration=iteration, writer=writer)
    write_text_atomic(directory / "summary.json", summary.to_json() + "\n")
    return summary


def _step_callback(on_step: StepFn | None, label: str) -> Callable[[int, int], None] | None:
    if on_step is None:
        return None
    callback = on_step

    def step(_done: int, _total: int) -> None:
        callback(label)

    return step


def eval_steps(config: MetaTrainConfig) -> int:
    """Study steps of a whole evaluation (for a progress bar)."""
    return len(eval_refs(config)) * len(ROLES) * (config.chapters + 1)


def _tracks(
    store: RunStore, books: list[Any], config: MetaTrainConfig
) -> dict[int, tuple[str, int]]:
    """Per book, in order: control, base, meta tracks -> ``{track id: (role, book index)}``.

    Roles follow from the creation order, so a run killed while creating its tracks
    creates the missing ones on resume and nothing else.
    """
    wanted = [(role, b) for b in range(len(books)) for role in ROLES]
    study = asdict(StudyConfig(seed=config.seed))
    for role, b in wanted[len(store.tracks()):]:
        store.add_track(
            learner="stateless" if role == "control" else config.memory, book_id=books[b].id,
            book_hash=book_hash(books[b]), seed=config.seed, control=role == "control",
            config=study,
        )
    tracks = store.tracks()
    if len(tracks) != len(wanted):
        raise RunStoreError(
            f"{store.path}: {len(tracks)} evaluation tracks, expected {len(wanted)}; "
            "delete this eval directory to redo the evaluation"
        )
    return {t.id: role_b for t, role_b in zip(tracks, wanted, strict=True)}


def summarise(
    config: MetaTrainConfig,
    refs: list[BookRef],
    events: dict[tuple[str, int], list[StudyEvent]],
    *,
    iteration: int,
    writer: str,
) -> EvalSummary:
    """Cards of meta and base vs control over the books, the paired difference, the ratio."""
    cards = {
        role: MetricCard.from_tracks(
            [(events[(role, b)], events[("control", b)]) for b in range(len(refs))],
            config.chapters,
            lam=config.reward.forgetting_weight,
        )
        for role in ("meta", "base")
    }
    meta_G = cards["meta"].metrics["gain/controlled"].values
    base_G = cards["base"].metrics["gain/controlled"].values
    diff_mean, diff_lo, diff_hi = bootstrap_ci([m - b for m, b in zip(meta_G, base_G,
                                                                      strict=True)])
    base_mean = cards["base"].metrics["gain/controlled"].mean
    ratio = cards["meta"].metrics["gain/controlled"].mean / base_mean if base_mean > 0 else None
    return EvalSummary(
        iteration=iteration,
        writer=writer,
        books=[r.label for r in refs],
        meta=_headline(cards["meta"]),
        base=_headline(cards["base"]),
        gain_difference=Interval(diff_mean, diff_lo, diff_hi),
        ratio=ratio,
        per_book=[
            {"book": r.label, "domain": r.domain, "meta_gain": m, "base_gain": g}
            for r, m, g in zip(refs, meta_G, base_G, strict=True)
        ],
    )


def _headline(card: MetricCard) -> dict[str, Interval]:
    return {
        name: Interval(est.mean, est.lo, est.hi)
        for name, est in card.metrics.items() if name in HEADLINE
    }
