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
forgetting, cost, 95% bootstrap intervals over books). The headline is the target of docs/design.md
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
from selftaught.learners import Learner, make_learner
from selftaught.learners.model import ModelLearnerConfig
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
from selftaught.study import (
    STORE_FILE,
    Arm,
    Grid,
    GridTrack,
    RayConfig,
    RunStore,
    build_learner,
    open_tracks,
    run_grid,
)
from selftaught.types import StudyEvent, Textbook

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
    """meta / base mean controlled gain (target ≥ 1.5, docs/design.md); None if base gain ≤ 0."""
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
    ray: RayConfig | None = None,
) -> EvalSummary:
    """Run (or resume) the evaluation tracks in ``directory``; write ``summary.json``.

    With ``ray`` the tracks run on Ray workers, each building its learners from their
    options on its own local service (``service`` is then not used); ``writer`` must be
    a path the workers can read.
    """
    refs = eval_refs(config)
    books = [make_book(config, r) for r in refs]
    seen = [make_book(config, r) for r in (*train_refs(config), *val_refs(config))]
    check_disjoint(seen, books)
    grid = eval_grid(config, books, writer)
    with RunStore(directory / STORE_FILE) as store:
        tracks = open_tracks(store, grid)

        def build(track: GridTrack) -> Learner:
            return make_learner(track.arm.learner, book=track.book, seed=track.config.seed,
                                service=service, **track.arm.options)

        def step(track: GridTrack, _done: int) -> None:
            if on_step is not None:
                on_step(f"eval {refs[track.book_index].label} {track.arm.label}")

        run_grid(store, tracks, build=build_learner if ray is not None or service is None
                 else build, on_step=step, ray=ray)
        events = {(t.arm.label, t.book_index): store.events(t.id) for t in tracks}
    summary = summarise(config, refs, events, iteration=iteration, writer=writer)
    write_text_atomic(directory / "summary.json", summary.to_json() + "\n")
    return summary


def eval_steps(config: MetaTrainConfig) -> int:
    """Study steps of a whole evaluation (for a progress bar)."""
    return len(eval_refs(config)) * len(ROLES) * (config.chapters + 1)


def eval_grid(config: MetaTrainConfig, books: list[Textbook], writer: str) -> Grid:
    """Per book, in order: the control (stateless, learning disabled), the learner writing with
    the base model, the learner writing with the meta-trained ``writer``; all with
    ``config.seed``. Roles are the arms' labels (`ROLES`)."""
    options = {"base": asdict(learner_config(config, None)),
               "meta": asdict(learner_config(config, writer))}
    arms = (Arm("control", "stateless", control=True, options=options["base"]),
            Arm("base", config.memory, options=options["base"]),
            Arm("meta", config.memory, options=options["meta"]))
    return Grid(books=tuple(books), arms=arms, seeds=(config.seed,) * len(books))


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
