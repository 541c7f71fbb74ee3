"""Everything the report shows, read from a run's SQLite store and nothing else.

Why a separate data layer: a report must be recomputable from the event log
alone (docs/design.md, Metrics), so `load_run` opens ``run.sqlite``, reads the tracks and
their events, and computes every number with the pure functions of
`selftaught.metrics`. The plots and the HTML template only format what this
module returns, and the trackers (`selftaught.tracking`) export the same data.

The textbooks come from the store too (`RunStore.textbook`, saved by every
`run_track`): the duct-tape rate needs to know which items are code and what
their hidden tests are. The reward weights (λ, μ) are the ones the command that
made the run stored under `REWARD_META_KEY` (defaults if it stored none).

Tracks are grouped by learner name. Each learner track is paired with its
control by textbook content (``book_hash``) and seed, see `pair_tracks`. Only
finished tracks (status ``done``) enter the metrics; unfinished ones are listed
in the run summary so a report of a killed run says what is missing.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from rich.table import Table

from selftaught.metrics import (
    REWARD_META_KEY,
    DuctTape,
    MetricCard,
    RewardConfig,
    accuracy_matrix,
    code_items,
    learning_curve,
    practice_costs,
    track_duct_tape,
)
from selftaught.study import RunStore, RunStoreError, TrackRecord
from selftaught.types import StudyEvent, Textbook

STORE_FILE = "run.sqlite"
"""The run store's file name inside a run directory (as written by `selftaught study`)."""

RUN_CONFIG_KEY = "run_config"
"""Meta key holding the command's settings (json), written by the CLI that made the run."""

WALL_SECONDS_KEY = "wall_seconds"
"""Optional meta key: the run's wall-clock seconds, if the command that made it recorded it."""

NOTE_CHARS = 2000
"""Longest excerpt of a learner's notes/self-edits shown per chapter."""

ANSWER_CHARS = 600
"""Longest excerpt of one probe answer shown."""

ANSWERS_PER_CHAPTER = 3
"""Probes per chapter shown in the before/after sample."""

FLAGGED_SAMPLES = 6
"""Most flagged code answers shown per learner (distinct item and code)."""


class ReportError(ValueError):
    """The run directory cannot be reported on (no store, no finished track, broken log)."""


@dataclass(frozen=True)
class Pairing:
    """One learner track and the control it is measured against (None if it has none)."""

    learner: TrackRecord
    control: TrackRecord | None


def pair_tracks(tracks: Sequence[TrackRecord]) -> dict[str, list[Pairing]]:
    """Group learner tracks by learner name and pair each with its control track.

    A control matches a learner track when it ran the same textbook content
    (``book_hash``) with the same seed. A control of the same learner name is
    preferred (``selftaught study`` makes one per learner); otherwise a unique
    control of another name on that book and seed is used (a run may share one
    control, e.g. ``stateless``, among several learners). Control tracks are never
    grouped as learners of their own. Learners keep the order of their first track.

    >>> from selftaught.study import TrackRecord
    >>> def t(i, name, seed, control):
    ...     return TrackRecord(id=i, learner=name, book_id="b", book_hash="h", seed=seed,
    ...                        control=control, config={}, status="done")
    >>> pairs = pair_tracks([t(1, "notes", 0, False), t(2, "notes", 0, True),
    ...                      t(3, "lora", 0, False), t(4, "lora", 1, False)])
    >>> [(p.learner.id, p.control and p.control.id) for p in pairs["notes"]]
    [(1, 2)]
    >>> [(p.learner.id, p.control and p.control.id) for p in pairs["lora"]]
    [(3, 2), (4, None)]
    """
    controls = [t for t in tracks if t.control]
    grouped: dict[str, list[Pairing]] = {}
    for track in tracks:
        if track.control:
            continue
        same_book = [
            c for c in controls if c.book_hash == track.book_hash and c.seed == track.seed
        ]
        own = [c for c in same_book if c.learner == track.learner]
        match = own[0] if own else (same_book[0] if len(same_book) == 1 else None)
        grouped.setdefault(track.learner, []).append(Pairing(learner=track, control=match))
    return grouped


@dataclass(frozen=True)
class CardRow:
    """One formatted row of a metric card, as the CLI's card prints it."""

    metric: str
    mean: str
    ci: str
    what: str


@dataclass(frozen=True)
class NoteSample:
    """What the learner wrote while studying one chapter (its notes or self-edits)."""

    seed: int
    chapter: int
    text: str
    truncated: bool


@dataclass(frozen=True)
class AnswerSample:
    """One probe answered before any study (pre-test) and after the last chapter."""

    chapter: int
    item_id: str
    prompt: str
    reference: str
    before: str
    before_correct: bool
    before_score: float
    after: str
    after_correct: bool
    after_score: float


@dataclass(frozen=True)
class PracticeRow:
    """Practice work of one chapter, summed over seeds: does the learner get faster?"""

    chapter: int
    attempted: int
    solved: int
    tokens_per_solved: float | None
    seconds_per_solved: float | None


@dataclass(frozen=True)
class FlaggedSample:
    """One code answer the duct-tape detector flagged, as the report shows it."""

    seed: int
    chapter: int
    item_id: str
    when: str
    """``practice``, ``pre-test`` or ``probe after ch N``."""
    correct: bool | None
    """Its grade: duct tape that passes the tests is the kind the grade cannot see."""
    code: str
    findings: list[tuple[str, int, str]]
    """(rule id, line, message) per finding."""


@dataclass(frozen=True)
class DuctTapeSeed:
    """One seed's code answers judged for duct tape."""

    seed: int
    code_answers: int
    judged: int
    flagged: int
    rate: float | None
    """flagged / judged; None when no code answer could be judged."""


@dataclass
class DuctTapeReport:
    """A learner's duct-tape rate over its seeds, the penalty it costs, flagged samples."""

    weight: float
    """μ: the penalty weight of the rate in the progress reward."""
    seeds: list[DuctTapeSeed]
    rate: float | None
    """Mean over the seeds that have a rate (as the card's ``ducttape/rate``)."""
    samples: list[FlaggedSample] = field(default_factory=list)
    rules: dict[str, int] = field(default_factory=dict)
    """Rule id -> flagged answers (all seeds) with a finding of that rule."""


@dataclass
class LearnerReport:
    """Everything the report shows about one learner, over its finished seeds."""

    name: str
    n_chapters: int
    pairings: list[Pairing]
    """Its finished learner tracks, each with its control (None, or maybe unfinished)."""
    seeds: list[int]
    """Seeds of its finished learner tracks, in track order."""
    R_mean: np.ndarray
    """Accuracy matrix, mean over seeds, shape (T+1, T)."""
    R_control_mean: np.ndarray | None
    """The paired controls' accuracy matrix, mean over seeds (None without controls)."""
    card: MetricCard | None
    """Learner vs control over the seeds that have a finished control; None if none has."""
    card_seeds: list[int]
    card_rows: list[CardRow] = field(default_factory=list)
    chapter_rows: list[CardRow] = field(default_factory=list)
    card_caption: str = ""
    curves: dict[int, list[tuple[int, float]]] | None = None
    """Chapter -> within-chapter learning curve (curve probes, mean over seeds); None if the
    run had no curve probes, in which case the report plots R over states instead."""
    practice: list[PracticeRow] = field(default_factory=list)
    notes: list[NoteSample] = field(default_factory=list)
    answers: list[AnswerSample] = field(default_factory=list)
    answers_seed: int | None = None
    """The seed whose before/after answers are shown."""
    duct_tape: DuctTapeReport | None = None
    """Its code answers judged for duct tape; None when its textbooks have no code items
    (or the store holds no copy of them, see ``books_missing``)."""
    books_missing: bool = False
    """True when the store has no copy of a textbook it ran on (an older store): no duct tape."""


@dataclass
class RunReport:
    """The whole run: summary and one `LearnerReport` per learner with finished tracks."""

    run_dir: Path
    store_path: Path
    textbooks: list[str]
    seeds: list[int]
    models: list[str]
    learner_seconds: float
    """Sum of the seconds every event cost inside its learner (all tracks, probes included)."""
    reward: RewardConfig
    """The reward weights (λ, μ) the cards use: as stored by the command, else the defaults."""
    wall_seconds: float | None
    """The run's wall time, if the command that made it recorded ``wall_seconds`` in meta."""
    run_config: dict[str, Any] | None
    tracks: list[TrackRecord]
    unfinished: list[TrackRecord]
    learners: list[LearnerReport]
    events: dict[int, list[StudyEvent]] = field(repr=False, default_factory=dict)
    """Track id -> its events (finished tracks only)."""


def resolve_store(run_dir: Path) -> tuple[Path, Path]:
    """``(run_dir, store_path)`` for a run directory or its ``run.sqlite``; checks it exists."""
    run_dir = Path(run_dir)
    if run_dir.is_file():
        return run_dir.parent, run_dir
    store_path = run_dir / STORE_FILE
    if not store_path.is_file():
        what = "no such directory" if not run_dir.exists() else f"no {STORE_FILE} in it"
        raise ReportError(
            f"{run_dir}: {what}; pass a run directory written by `selftaught study` or "
            "`selftaught run` (e.g. runs/<id>)"
        )
    return run_dir, store_path


def load_run(run_dir: Path) -> RunReport:
    """Read a run's store and compute everything the report shows."""
    run_dir, store_path = resolve_store(run_dir)
    try:
        with RunStore(store_path, readonly=True) as store:
            tracks = store.tracks()
            finished = [t for t in tracks if t.status == "done"]
            events = {t.id: store.events(t.id) for t in finished}
            run_config_json = store.meta(RUN_CONFIG_KEY)
            wall = store.meta(WALL_SECONDS_KEY)
            reward_json = store.meta(REWARD_META_KEY)
            books = {h: store.textbook(h) for h in sorted({t.book_hash for t in finished})}
    except RunStoreError as error:
        raise ReportError(str(error)) from None
    if not tracks:
        raise ReportError(f"{store_path}: the run has no tracks yet; nothing to report")
    run_config = _json_object(run_config_json, store_path)
    reward = _reward(reward_json, store_path)
    learners: list[LearnerReport] = []
    for name, pairings in pair_tracks(tracks).items():
        done = [p for p in pairings if p.learner.status == "done"]
        if done:
            learners.append(_learner_report(name, done, events, store_path, books, reward))
    if not learners:
        raise ReportError(
            f"{store_path}: no learner track has finished (statuses: "
            f"{', '.join(sorted({t.status for t in tracks}))}); resume the run, then report"
        )
    models = sorted({str(m) for t in tracks if (m := t.config.get("model")) is not None})
    if not models and run_config is not None and run_config.get("model") is not None:
        models = [str(run_config["model"])]
    return RunReport(
        run_dir=run_dir,
        store_path=store_path,
        textbooks=sorted({t.book_id for t in tracks}),
        seeds=sorted({t.seed for t in tracks}),
        models=models,
        learner_seconds=sum(e.costs.seconds for log in events.values() for e in log),
        reward=reward,
        wall_seconds=None if wall is None else _float(wall, store_path),
        run_config=run_config,
        tracks=tracks,
        unfinished=[t for t in tracks if t.status != "done"],
        learners=learners,
        events=events,
    )


def chapters_of(events: Sequence[StudyEvent]) -> int:
    """The number of chapters a finished track covered: its highest probed chapter."""
    probed = [e.chapter for e in events if e.kind == "probe" and e.after_chapter is not None]
    if not probed:
        raise ValueError("the track has no state probes (after_chapter set)")
    return max(probed)


def _learner_report(
    name: str, pairings: list[Pairing], events: dict[int, list[StudyEvent]], store_path: Path,
    books: dict[str, Textbook | None], reward: RewardConfig,
) -> LearnerReport:
    where = f"{store_path}: learner {name!r}"
    logs_S = [events[p.learner.id] for p in pairings]
    books_S = [books.get(p.learner.book_hash) for p in pairings]
    known_S = [b for b in books_S if b is not None]
    has_books = len(known_S) == len(books_S)
    try:
        T_S = {chapters_of(log) for log in logs_S}
        if len(T_S) != 1:
            raise ValueError(f"its tracks cover different numbers of chapters {sorted(T_S)}")
        (T,) = T_S
        R_S = [accuracy_matrix(log, T) for log in logs_S]
        with_control = [
            p for p in pairings if p.control is not None and p.control.status == "done"
        ]
        card = None
        R_control_mean = None
        if with_control:
            card = MetricCard.from_tracks(
                [
                    (events[p.learner.id], events[p.control.id])
                    for p in with_control
                    if p.control is not None
                ],
                T,
                books_S=[_book(books, p) for p in with_control] if has_books else None,
                reward=reward,
            )
            R_control_mean = card.mean_matrix("control")
        curves = _curves(logs_S, T)
        duct_tape = None
        if has_books and any(code_items(b) for b in known_S):
            duct_tape = _duct_tape(
                [(p.learner.seed, track_duct_tape(log, book))
                 for p, log, book in zip(pairings, logs_S, known_S, strict=True)],
                reward,
            )
    except ValueError as error:
        raise ReportError(f"{where}: {error}") from error
    report = LearnerReport(
        name=name,
        n_chapters=T,
        pairings=pairings,
        seeds=[p.learner.seed for p in pairings],
        R_mean=np.mean(np.stack(R_S), axis=0),
        R_control_mean=R_control_mean,
        card=card,
        card_seeds=[p.learner.seed for p in with_control],
        curves=curves,
        practice=_practice(logs_S, T),
        notes=_notes(pairings, events),
        duct_tape=duct_tape,
        books_missing=not has_books,
    )
    if card is not None:
        report.card_rows = _rows(card.render(per_chapter=False))
        report.chapter_rows = [
            row for row in _rows(card.render(per_chapter=True))
            if row.metric not in {r.metric for r in report.card_rows}
        ]
        caption = card.render().caption
        report.card_caption = "" if caption is None else str(caption)
    first = pairings[0]
    report.answers = _answers(events[first.learner.id], T)
    report.answers_seed = first.learner.seed
    return report


def _book(books: dict[str, Textbook | None], pairing: Pairing) -> Textbook:
    book = books.get(pairing.learner.book_hash)
    assert book is not None  # only called when every book is known
    return book


def _duct_tape(judged_S: list[tuple[int, DuctTape]], reward: RewardConfig) -> DuctTapeReport:
    """Per-seed counts, the mean rate over seeds that have one, and flagged samples."""
    seeds = [
        DuctTapeSeed(seed=seed, code_answers=dt.code_answers, judged=dt.judged,
                     flagged=dt.flagged, rate=dt.rate)
        for seed, dt in judged_S
    ]
    rates = [s.rate for s in seeds if s.rate is not None]
    samples: list[FlaggedSample] = []
    shown: set[tuple[str, str]] = set()
    rules: dict[str, int] = {}
    for seed, dt in judged_S:
        for answer in dt.flagged_answers:
            for rule in sorted({f.rule for f in answer.findings}):
                rules[rule] = rules.get(rule, 0) + 1
            if len(samples) >= FLAGGED_SAMPLES or (answer.item_id, answer.code) in shown:
                continue
            shown.add((answer.item_id, answer.code))
            when = ("practice" if answer.kind == "practice" else
                    "pre-test" if answer.after_chapter == 0 else
                    f"probe after ch {answer.after_chapter}" if answer.after_chapter else
                    "curve probe")
            samples.append(FlaggedSample(
                seed=seed, chapter=answer.chapter, item_id=answer.item_id, when=when,
                correct=answer.correct, code=_clip(answer.code),
                findings=[(f.rule, f.line, f.message) for f in answer.findings],
            ))
    return DuctTapeReport(
        weight=reward.duct_tape_weight, seeds=seeds,
        rate=float(np.mean(rates)) if rates else None, samples=samples,
        rules=dict(sorted(rules.items())),
    )


def _reward(text: str | None, store_path: Path) -> RewardConfig:
    if text is None:
        return RewardConfig()
    try:
        return RewardConfig.from_json(text)
    except (TypeError, ValueError) as error:
        raise ReportError(
            f"{store_path}: meta {REWARD_META_KEY!r} is damaged ({error}); rerun into a new "
            "run directory"
        ) from None


def _rows(table: Table) -> list[CardRow]:
    """The rows of a rendered metric card: the report shows exactly what the CLI prints."""
    columns = [[str(cell) for cell in column.cells] for column in table.columns]
    return [CardRow(*cells) for cells in zip(*columns, strict=True)]


def _curves(logs_S: list[list[StudyEvent]], T: int) -> dict[int, list[tuple[int, float]]] | None:
    """Per chapter, the within-chapter learning curve averaged over seeds (None: no curves)."""
    has_curves = any(
        e.kind == "probe" and e.after_chapter is None for log in logs_S for e in log
    )
    if not has_curves:
        return None
    curves: dict[int, list[tuple[int, float]]] = {}
    for c in range(1, T + 1):
        points: dict[int, list[float]] = {}
        for log in logs_S:
            if not any(e.kind == "probe" and e.after_chapter is None and e.chapter == c
                       for e in log):
                continue
            for b, acc in learning_curve(log, c):
                points.setdefault(b, []).append(acc)
        if points:
            curves[c] = [(b, float(np.mean(points[b]))) for b in sorted(points)]
    return curves


def _practice(logs_S: list[list[StudyEvent]], T: int) -> list[PracticeRow]:
    rows: list[PracticeRow] = []
    per_seed = [practice_costs(log, T) for log in logs_S]
    for k in range(T):
        attempted = sum(p[k].attempted for p in per_seed)
        solved = sum(p[k].solved for p in per_seed)
        tokens = sum(p[k].tokens for p in per_seed)
        seconds = sum(p[k].seconds for p in per_seed)
        rows.append(PracticeRow(
            chapter=k + 1, attempted=attempted, solved=solved,
            tokens_per_solved=tokens / solved if solved else None,
            seconds_per_solved=seconds / solved if solved else None,
        ))
    return rows


def _notes(pairings: list[Pairing], events: dict[int, list[StudyEvent]]) -> list[NoteSample]:
    """What the learner derived while studying, from the first seed that recorded any."""
    for pairing in pairings:
        samples = [
            NoteSample(
                seed=pairing.learner.seed, chapter=e.chapter, text=e.response[:NOTE_CHARS],
                truncated=len(e.response) > NOTE_CHARS,
            )
            for e in events[pairing.learner.id]
            if e.kind == "study" and e.response
        ]
        if samples:
            return samples
    return []


def _answers(events: list[StudyEvent], T: int) -> list[AnswerSample]:
    """The first probes of each chapter, answered at the pre-test and after chapter T."""
    before = {
        e.item_id: e for e in events
        if e.kind == "probe" and e.after_chapter == 0 and e.item_id is not None
    }
    samples: list[AnswerSample] = []
    shown: dict[int, int] = {}
    for e in events:
        if e.kind != "probe" or e.after_chapter != T or e.item_id not in before:
            continue
        if shown.get(e.chapter, 0) >= ANSWERS_PER_CHAPTER:
            continue
        pre = before[e.item_id]
        if pre.grade is None or e.grade is None:
            continue
        shown[e.chapter] = shown.get(e.chapter, 0) + 1
        samples.append(AnswerSample(
            chapter=e.chapter, item_id=e.item_id or "", prompt=_clip(e.prompt),
            reference=e.reference or "",
            before=_clip(pre.response), before_correct=pre.grade.correct,
            before_score=pre.grade.score,
            after=_clip(e.response), after_correct=e.grade.correct, after_score=e.grade.score,
        ))
    return sorted(samples, key=lambda s: s.chapter)


def _clip(text: str | None) -> str:
    """``text`` cut to `ANSWER_CHARS` characters (marked with an ellipsis); None as ""."""
    if text is None:
        return ""
    return text if len(text) <= ANSWER_CHARS else text[:ANSWER_CHARS] + " …"


def _json_object(text: str | None, store_path: Path) -> dict[str, Any] | None:
    if text is None:
        return None
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise ReportError(
            f"{store_path}: meta {RUN_CONFIG_KEY!r} is not valid json ({error}); the store is "
            "damaged, rerun into a new run directory"
        ) from None
    return value if isinstance(value, dict) else {"value": value}


def _float(text: str, store_path: Path) -> float:
    try:
        return float(text)
    except ValueError:
        raise ReportError(
            f"{store_path}: meta {WALL_SECONDS_KEY!r} is {text!r}, not a number of seconds; "
            "the store is damaged, rerun into a new run directory"
        ) from None
