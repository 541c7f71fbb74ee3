"""Honest evaluation: does the meta-trained MODEL make the same learner learn unseen books faster?

On every evaluation book -- unseen seeds of the training domain, a held-out generated
domain, and hand-written books -- four tracks run the full study protocol (`run_track`:
pre-test, study, practice with feedback, probes after every chapter):

* ``base-control`` / ``trained-control`` -- each model stateless, learning disabled;
* ``base``    -- the evaluated learner (`self_edit_learner`) on the FROZEN base model;
* ``trained`` -- the same learner, same `ModelLearnerConfig`, steps, token budgets and
  seed, on the meta-trained model (any algorithm's exported model directory).

Each learner is compared with its own model's control by a `MetricCard` (controlled
gain in accuracy and in answer log-probability). The headline is the ratio
``trained controlled gain / base controlled gain`` (target >= 1.5) with the paired
per-book difference and its 95% bootstrap interval (`paired`); the ratio is ``None``
when the base gain is <= 0 (a ratio of a non-positive gain means nothing). The same is
reported for the hand-written books alone. The probes of these books are read only
here, after training; `check_disjoint` asserts no training book shares one.

The tracks live in their own run store, so an evaluation killed midway resumes where
it stopped, like any study run.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from selftaught.fileio import write_text_atomic
from selftaught.learners import Learner, make_learner
from selftaught.learners.model import ModelLearnerConfig
from selftaught.metatrain.config import (
    ConfigError,
    MetaTrainConfig,
    check_disjoint,
    eval_refs,
    make_book,
    provenance_books,
    trained_refs,
    val_refs,
)
from selftaught.metatrain.learner import KIND, WritingSettings, writing_options
from selftaught.metrics import MetricCard, bootstrap_ci
from selftaught.study import STORE_FILE, Arm, Grid, GridTrack, RunStore, open_tracks, run_grid
from selftaught.study.run import first_chapters
from selftaught.types import StudyEvent, Textbook

ROLES: tuple[str, ...] = ("base-control", "base", "trained-control", "trained")
GAIN = "gain/controlled"
DENSE_GAIN = "gain/answer_logprob_controlled"


@dataclass(frozen=True)
class EvalBook:
    """One evaluation book and where it comes from."""

    label: str
    group: str
    """``unseen-seed`` (training domain, unseen seed), ``held-out-domain`` or
    ``hand-written``."""
    book: Textbook


@dataclass(frozen=True)
class Paired:
    """Paired comparison of two learners over the same books."""

    n: int
    trained_mean: float
    base_mean: float
    difference: float
    lo: float
    """95% percentile-bootstrap interval of the mean per-book difference (nan when n = 1)."""
    hi: float
    ratio: float | None
    """trained mean / base mean; None when the base mean is <= 0."""

    @property
    def excludes_zero(self) -> bool:
        return not (math.isnan(self.lo) or self.lo <= 0.0 <= self.hi)


def paired(trained_B: Sequence[float], base_B: Sequence[float], *, seed: int = 0) -> Paired:
    """Mean difference with its paired bootstrap interval, and the ratio of means.

    >>> p = paired([0.5, 0.25, 0.5, 0.75], [0.25, 0.0, 0.25, 0.5])
    >>> p.difference, p.lo, p.hi, p.ratio, p.excludes_zero
    (0.25, 0.25, 0.25, 2.0, True)
    >>> paired([0.1, 0.0], [0.0, 0.0]).ratio is None
    True
    """
    if len(trained_B) != len(base_B) or not trained_B:
        raise ValueError(f"paired: need equal, non-empty per-book lists, got {len(trained_B)} "
                         f"and {len(base_B)}")
    diff, lo, hi = bootstrap_ci([t - b for t, b in zip(trained_B, base_B, strict=True)],
                                seed=seed)
    t_mean, b_mean = float(np.mean(trained_B)), float(np.mean(base_B))
    return Paired(len(base_B), t_mean, b_mean, diff, lo, hi, t_mean / b_mean if b_mean > 0
                  else None)


@dataclass(frozen=True)
class Comparison:
    """The evaluation of a trained model against the frozen base, all books."""

    base_model: str
    trained_model: str
    books: list[str]
    gain: Paired
    """Controlled accuracy gain, all books."""
    dense_gain: Paired
    """Controlled answer-log-prob gain, all books."""
    by_group: dict[str, Paired]
    """Controlled accuracy gain per book group (``hand-written`` among them)."""
    per_book: list[dict[str, Any]] = field(default_factory=list)
    """Per book: label, group, each learner's controlled gains, the edits it wrote."""
    books_planned: int = 0
    """Books the evaluation was started with; ``len(books)`` of them are finished (a
    stopped evaluation leaves the comparison of the books it finished)."""

    @property
    def complete(self) -> bool:
        return len(self.books) >= self.books_planned

    def to_json(self) -> str:
        """Strict JSON (an interval over one book is ``null``, never ``NaN``)."""
        return json.dumps(json_ready(asdict(self)), indent=2, sort_keys=True, allow_nan=False)


def json_ready(value: Any) -> Any:
    """``value`` with every non-finite float (an undefined interval, a missing log-prob)
    replaced by None: `json.dumps` would write ``NaN``, which strict JSON readers refuse.

    >>> json_ready({"lo": float("nan"), "xs": [1.0, float("inf")], "n": 2})
    {'lo': None, 'xs': [1.0, None], 'n': 2}
    """
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: json_ready(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_ready(v) for v in value]
    return value


StepFn = Callable[[str], None]
"""Called with a description after each completed study step (progress bars)."""
BookFn = Callable[[Comparison], None]
"""Called after each finished book with the comparison of the books finished so far."""


def compare_models(
    base_model: str,
    trained_model: str,
    books: Sequence[EvalBook],
    directory: Path,
    *,
    learner: ModelLearnerConfig,
    writing: WritingSettings,
    chapters: int,
    seed: int,
    forgetting_weight: float,
    kind: str = KIND,
    service: Any = None,
    on_step: StepFn | None = None,
    on_book: BookFn | None = None,
) -> Comparison:
    """Run (or resume) the four tracks per book in ``directory``; write ``summary.json``.

    Books run one after the other; after each, ``summary.json`` is rewritten with the
    comparison of the books finished so far (and ``on_book`` called with it), so an
    evaluation stopped midway keeps every finished book's numbers.

    ``kind`` is the evaluated learner (the self-edit learner by default; ``notes`` or
    ``lora`` for models meta-trained for them); ``learner`` is the one learner config (its
    ``model`` is replaced by each model);
    ``chapters`` the first chapters of every book studied (every book must have them).
    """
    short = [b.label for b in books if len(b.book.chapters) < chapters]
    if short:
        raise ValueError(f"evaluation books with fewer than {chapters} chapters: {short}")
    grid = evaluation_grid(base_model, trained_model, [b.book for b in books], learner=learner,
                           writing=writing, chapters=chapters, seed=seed, kind=kind)
    with RunStore(directory / STORE_FILE) as store:
        tracks = open_tracks(store, grid)

        def build(track: GridTrack) -> Learner:
            return make_learner(track.arm.learner, book=track.book, seed=track.config.seed,
                                service=service, **track.arm.options)

        def step(track: GridTrack, _done: int) -> None:
            if on_step is not None:
                on_step(f"eval {books[track.book_index].label} {track.arm.label}")

        comparison = None
        for b in range(len(books)):
            run_grid(store, [t for t in tracks if t.book_index == b], build=build,
                     on_step=step)
            events = {(t.arm.label, t.book_index): store.events(t.id) for t in tracks
                      if t.book_index <= b}
            comparison = replace(
                summarise(base_model, trained_model, books[:b + 1], events, chapters=chapters,
                          forgetting_weight=forgetting_weight), books_planned=len(books))
            write_text_atomic(directory / "summary.json", comparison.to_json() + "\n")
            if on_book is not None:
                on_book(comparison)
    assert comparison is not None  # `books` is non-empty: the grid refuses none
    return comparison


def evaluation_grid(
    base_model: str, trained_model: str, books: Sequence[Textbook], *,
    learner: ModelLearnerConfig, writing: WritingSettings, chapters: int, seed: int,
    kind: str = KIND,
) -> Grid:
    """Per book, in `ROLES` order: each model's control, each model's learner (``kind``);
    one seed. Only the self-edit learner takes the writing settings."""
    def options(model: str) -> dict[str, Any]:
        writes = writing_options(writing) if kind == KIND else {}
        return {**asdict(replace(learner, model=model)), **writes}

    arms = (Arm("base-control", "stateless", control=True, options={"model": base_model}),
            Arm("base", kind, options=options(base_model)),
            Arm("trained-control", "stateless", control=True,
                options={"model": trained_model}),
            Arm("trained", kind, options=options(trained_model)))
    return Grid(books=tuple(books), arms=arms, seeds=(seed,) * len(books), chapters=chapters)


def summarise(
    base_model: str, trained_model: str, books: Sequence[EvalBook],
    events: dict[tuple[str, int], list[StudyEvent]], *, chapters: int,
    forgetting_weight: float,
) -> Comparison:
    """Per-book controlled gains of both learners, paired over all books and per group."""
    gains: dict[str, list[float]] = {}
    dense: dict[str, list[float]] = {}
    for role in ("base", "trained"):
        card = MetricCard.from_tracks(
            [(events[(role, b)], events[(f"{role}-control", b)]) for b in range(len(books))],
            chapters, lam=forgetting_weight)
        gains[role] = list(card.metrics[GAIN].values)
        dense[role] = (list(card.metrics[DENSE_GAIN].values) if DENSE_GAIN in card.metrics
                       else [math.nan] * len(books))
    groups = sorted({b.group for b in books})
    by_group = {
        g: paired([gains["trained"][i] for i, b in enumerate(books) if b.group == g],
                  [gains["base"][i] for i, b in enumerate(books) if b.group == g])
        for g in groups
    }
    per_book = [
        {"book": b.label, "group": b.group,
         "base_gain": gains["base"][i], "trained_gain": gains["trained"][i],
         "base_dense_gain": dense["base"][i], "trained_dense_gain": dense["trained"][i]}
        for i, b in enumerate(books)
    ]
    finite = [i for i in range(len(books))
              if not (math.isnan(dense["base"][i]) or math.isnan(dense["trained"][i]))]
    return Comparison(
        base_model=base_model, trained_model=trained_model, books=[b.label for b in books],
        gain=paired(gains["trained"], gains["base"]),
        dense_gain=paired([dense["trained"][i] for i in finite] or [0.0],
                          [dense["base"][i] for i in finite] or [0.0]),
        by_group=by_group, per_book=per_book,
    )


def eval_books(config: MetaTrainConfig, trained_model: str | None = None) -> list[EvalBook]:
    """The evaluation books of a config: unseen seeds of the training domain, the held-out
    domain's books, then the hand-written ``eval_books`` (their first ``chapters``);
    asserted disjoint from every book the algorithm trains on (all its domains) and the
    validation books -- and, given the ``trained_model`` directory, from the books its
    export provenance says it was trained on, whose domains must not include the held-out
    ``eval_domain`` (a model trained elsewhere, with other settings, is checked too)."""
    from selftaught.metatrain.export import EXPORT_META, read_provenance
    from selftaught.textbook import load_textbook

    refs = eval_refs(config)
    books = [EvalBook(r.label, "unseen-seed" if r.domain == config.train_domain
                      else "held-out-domain", make_book(config, r)) for r in refs]
    for path in config.eval_books:
        book = first_chapters(load_textbook(path), config.chapters)
        books.append(EvalBook(Path(path).stem, "hand-written", book))
    seen = [make_book(config, r) for r in (*trained_refs(config), *val_refs(config))]
    if trained_model is not None:
        domains, trained_on = provenance_books(
            read_provenance(trained_model).get("settings") or {})
        if config.eval_domain in domains:
            raise ConfigError(
                f"eval_domain: {trained_model} was trained on {config.eval_domain!r} books "
                f"(its {EXPORT_META} lists domains {list(domains)}); the held-out domain "
                "must be one it never saw -- set eval_domain to another domain")
        seen += trained_on
    check_disjoint(seen, [b.book for b in books])
    return books


def evaluate_model(
    config: MetaTrainConfig, trained_model: str, books: Sequence[EvalBook], directory: Path, *,
    service: Any = None, on_step: StepFn | None = None, on_book: BookFn | None = None,
) -> Comparison:
    """`compare_models` with the components a config builds: the frozen base
    ``config.model`` vs ``trained_model``, the config's learner and writing settings, and
    the learner its algorithm trains for (`EVALUATED_KIND`)."""
    from selftaught.metatrain.config import EVALUATED_KIND, learner_settings, writing_settings

    return compare_models(
        config.model, trained_model, books, directory, learner=learner_settings(config),
        writing=writing_settings(config), chapters=config.chapters, seed=config.seed,
        forgetting_weight=config.reward.forgetting_weight,
        kind=EVALUATED_KIND[config.algorithm], service=service, on_step=on_step,
        on_book=on_book)
