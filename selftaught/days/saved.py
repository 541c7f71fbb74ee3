"""Saved learners, day after day: create one, open it at its current day, study a day.

`study_day` is the whole workflow of ``selftaught study BOOK --learner NAME
--chapters A-B``, top to bottom: lock the learner, tidy what a killed command
left, check the book against what earlier days studied, rebuild the learner
and load its current day (verified), run the day (`run_day`), commit the new
day atomically (`LearnerHome.commit_day`). Nothing is written before the day
has run to its end, so a failure at any point leaves the previous day current.

Why learners are rebuilt from their record every day instead of pickled: a
learner's state is what its own ``save`` writes (an adapter, a notebook); the
model, kind and options it is built from are recorded once by ``learner new``
and checked against every day's manifest, so a state is never loaded into a
learner of another model or kind.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from selftaught.days.day import ChapterRange, run_day, summarise
from selftaught.days.home import LearnerHome, one_line, utc_now
from selftaught.days.records import LearnerRecord, SavedLearnerError, check_name
from selftaught.learners import (
    LAZY_LEARNERS,
    Grader,
    Learner,
    LearnerStateError,
    default_grader,
    learner_names,
    make_learner,
)
from selftaught.study.run import book_hash
from selftaught.types import Chapter, Textbook

MODEL_LEARNERS_MODULE = "selftaught.learners.model"
"""Kinds registered by this module take a base model (``--model``, default the embedded one)."""


def chapter_hash(chapter: Chapter) -> str:
    """sha256 of a chapter's canonical JSON: the same chapter studied on two days."""
    return hashlib.sha256(chapter.model_dump_json().encode()).hexdigest()


def _build_errors() -> tuple[type[Exception], ...]:
    """What building a learner raises on bad input: a factory refusing its options
    (TypeError/ValueError) or, once the model layer is imported, a model that cannot
    be loaded. Looked up lazily so listing learners never imports torch."""
    errors: tuple[type[Exception], ...] = (TypeError, ValueError)
    loading = sys.modules.get("selftaught.models.loading")
    if loading is not None:
        errors += (loading.ModelLoadError,)
    return errors


def build_learner(record: LearnerRecord, book: Textbook) -> Learner:
    """A fresh learner of ``record``'s kind, model, options and seed, for ``book``."""
    try:
        return make_learner(record.kind, book=book, seed=record.seed, **record.factory_options())
    except _build_errors() as error:
        model = f", model {record.model!r}" if record.model is not None else ""
        raise SavedLearnerError(
            f"learner {record.name!r} (kind {record.kind!r}{model}): {one_line(error)}"
        ) from None


def _placeholder_book() -> Textbook:
    """A one-item book to build a learner with at ``learner new``, only to check its kind,
    model and options (factories need a book; nothing of this build is kept)."""
    from selftaught.generators import generate

    return generate("language", seed=0, chapters=1, exercises=1, probes=1)


def create_learner(
    home: LearnerHome, name: str, *, kind: str, model: str | None = None,
    options: dict[str, Any] | None = None, seed: int = 0,
) -> LearnerRecord:
    """Record a new learner at day 0; its kind, model and options are checked by building it."""
    check_name(name)
    options = dict(options or {})
    kinds = learner_names()
    if name in kinds:
        raise SavedLearnerError(
            f"learner name {name!r} is a learner kind, which `selftaught study --learner` would "
            "mistake for it; pick another name"
        )
    if kind not in kinds:
        raise SavedLearnerError(f"--kind: unknown learner kind {kind!r} (expected one of: "
                                f"{', '.join(kinds)})")
    if "model" in options:
        raise SavedLearnerError("--option model=...: give the model with --model")
    if model is None and LAZY_LEARNERS.get(kind) == MODEL_LEARNERS_MODULE:
        from selftaught.models import DEFAULT_MODEL

        model = DEFAULT_MODEL
    if home.exists(check_name(name)):
        raise SavedLearnerError(f"{home.directory(name)}: a learner named {name!r} exists; "
                                "pick another name")
    record = LearnerRecord(name=name, kind=kind, model=model, options=options, seed=seed,
                           created=utc_now())
    build_learner(record, _placeholder_book())
    home.create(record)
    return record


def open_learner(home: LearnerHome, record: LearnerRecord, book: Textbook) -> Learner:
    """The learner at its current day: day 0 is built fresh; a later day's state is verified
    (before the model is even loaded), then loaded into a freshly built learner."""
    if record.current_day == 0:
        return build_learner(record, book)
    directory = home.verify_day(record, record.current_day)
    learner = build_learner(record, book)
    try:
        learner.load(directory)
    except (ValueError, OSError, KeyError, RuntimeError) as error:
        raise LearnerStateError(
            f"{directory}: the {record.kind!r} learner cannot load this state "
            f"({one_line(error)}); {home.hint(record.name, record.current_day)}"
        ) from None
    return learner


def load_day_book(
    book: str, *, seed: int, items: int | None, chapters_needed: Callable[[str], int],
) -> tuple[Textbook, str]:
    """The day's textbook and how it was named: a file, or a generated domain book.

    A domain book is generated with as many chapters as the day needs
    (``chapters_needed(book_id)``: today's last chapter or the last one studied
    earlier, for retention); generators are prefix-stable, so chapter c is the same
    in every length. ``items`` sets exercises and probes per chapter.
    """
    from selftaught.generators import DOMAINS, generate

    path = Path(book)
    if path.is_file():
        if items is not None:
            raise SavedLearnerError(f"--items: {path} is a file; --items sizes generated books")
        from selftaught.textbook import TextbookError, load_textbook

        try:
            return load_textbook(path), str(path)
        except TextbookError as error:
            first = error.problems[0] if error.problems else str(error)
            raise SavedLearnerError(
                f"{first}; run `selftaught textbook validate {path}` for all problems"
            ) from None
    if book not in DOMAINS:
        raise SavedLearnerError(f"BOOK {book!r}: no such file, and not a generator domain "
                                f"(domains: {', '.join(sorted(DOMAINS))})")
    sizes = {} if items is None else {"exercises": items, "probes": items}
    source = f"{book} --seed {seed}" + (f" --items {items}" if items is not None else "")
    try:
        textbook = generate(book, seed=seed, chapters=1, **sizes)
        textbook = generate(book, seed=seed, chapters=chapters_needed(textbook.id), **sizes)
    except ValueError as error:
        raise SavedLearnerError(f"{source}: {one_line(error)}") from None
    return textbook, source


DayProgress = Callable[[str], None]


def study_day(
    home: LearnerHome, name: str, book: Textbook, book_source: str, chapters: ChapterRange, *,
    grader: Grader | None = None, on_step: DayProgress | None = None,
) -> LearnerRecord:
    """Study chapters A..B of ``book`` as the next day of learner ``name``; the new record.

    ``on_step`` is called once after the learner is loaded and then after every
    step of the day (`day_steps` of them).
    """
    grade = grader or default_grader()
    with home.lock(name):
        record = home.tidy(home.read(name))
        probe_C = _probe_chapters(record, book, chapters)
        learner = open_learner(home, record, book)
        if on_step is not None:
            on_step(f"{name}: day {record.current_day + 1}")
        costs_before = learner.costs()
        started = utc_now()
        events = run_day(learner, book, chapters.chapters_C, probe_C, grade=grade,
                         on_step=on_step)
        summary = summarise(events)
        costs_after = learner.costs()
        results = {
            "started": started, "book_id": book.id, "book_hash": book_hash(book),
            "book_source": book_source, "chapters_C": chapters.chapters_C,
            "chapter_hashes": {c: chapter_hash(book.chapters[c - 1])
                               for c in chapters.chapters_C},
            "practice_attempted": summary.practice_attempted,
            "practice_solved": summary.practice_solved, "probe_acc": summary.probe_acc,
            "costs": costs_after - costs_before, "practice_costs": summary.practice_costs,
            "costs_cumulative": costs_after,
        }
        return home.commit_day(record, learner, events, results)


def check_chapters(book: Textbook, chapters: ChapterRange) -> None:
    """Refuse a range that runs past the end of the book."""
    if chapters.last > len(book.chapters):
        raise SavedLearnerError(
            f"--chapters {chapters}: textbook {book.id!r} has only {len(book.chapters)} "
            "chapter(s)"
        )


def _probe_chapters(record: LearnerRecord, book: Textbook, chapters: ChapterRange) -> list[int]:
    """Today's chapters plus every chapter of this book studied on earlier days, checked to be
    the same chapters (same content) that were studied then."""
    check_chapters(book, chapters)
    n = len(book.chapters)
    studied = record.chapters_studied(book.id)
    for c, (day, digest) in sorted(studied.items()):
        if c > n:
            raise SavedLearnerError(
                f"textbook {book.id!r} has {n} chapter(s), but {record.name} studied its chapter "
                f"{c} on day {day}; use the book it studied then"
            )
        if chapter_hash(book.chapters[c - 1]) != digest:
            raise SavedLearnerError(
                f"chapter {c} of textbook {book.id!r} differs from the one {record.name} studied "
                f"on day {day} (another file, or other --items?); use the same book, or give a "
                "changed book a new id"
            )
    return sorted(set(studied) | set(chapters.chapters_C))


def chapters_needed(home: LearnerHome, name: str, chapters: ChapterRange) -> Callable[[str], int]:
    """For `load_day_book`: how many chapters a generated book must have for this day."""
    def needed(book_id: str) -> int:
        if not home.exists(name):
            return chapters.last
        studied = home.read(name).chapters_studied(book_id)
        return max([chapters.last, *studied])

    return needed
