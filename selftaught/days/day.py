"""One day of study for a saved learner, readable top to bottom.

A day is what a student does in one sitting: for each chapter of the day's
range A..B, in order,

1. ``study`` the chapter (its exposition and worked examples: `study_view`);
2. **practice**: each exercise once, ``answer`` -> grade -> ``feedback`` with
   the reference answer, exactly as the study run (`selftaught.study.run`) does;

and at the day's end, **probe every chapter of the book studied so far**,
earlier days included, in one batch: today's chapters show what was learned,
earlier ones what was retained. There is no pre-test and no control here: a
saved learner is one student over many days, not an experiment (the
``selftaught study BOOK --learner KIND`` grid is the experiment).

Studying, practising and probing are the study run's own steps (`study_event`,
`practice_event`, `probe_pass`), so a day's events have the same shape as a study
run's and the same metric functions read them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from selftaught.days.records import SavedLearnerError
from selftaught.learners.protocol import Grader, Learner
from selftaught.study.run import practice_event, probe_pass, study_event
from selftaught.types import Costs, StudyEvent, Textbook

_RANGE_RE = re.compile(r"^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$")


@dataclass(frozen=True)
class ChapterRange:
    """Chapters ``first..last`` (1-based, inclusive) of a book."""

    first: int
    """First chapter studied (1-based)."""
    last: int
    """Last chapter studied (inclusive)."""

    @property
    def chapters_C(self) -> list[int]:
        """The chapter numbers, in study order."""
        return list(range(self.first, self.last + 1))

    def __str__(self) -> str:
        return str(self.first) if self.first == self.last else f"{self.first}-{self.last}"


def parse_chapters(text: str) -> ChapterRange:
    """``--chapters`` of a day: ``3`` or ``1-2`` (1-based, inclusive).

    >>> parse_chapters("1-2"), parse_chapters("3").chapters_C
    (ChapterRange(first=1, last=2), [3])
    >>> parse_chapters("2-1")
    Traceback (most recent call last):
    ...
    selftaught.days.records.SavedLearnerError: --chapters '2-1': expected N or A-B with \
1 <= A <= B, e.g. --chapters 1-2
    """
    match = _RANGE_RE.match(text)
    if match:
        first = int(match[1])
        last = int(match[2]) if match[2] is not None else first
        if 1 <= first <= last:
            return ChapterRange(first, last)
    raise SavedLearnerError(
        f"--chapters {text!r}: expected N or A-B with 1 <= A <= B, e.g. --chapters 1-2"
    )


ProgressCallback = Callable[[str], None]
"""Called with a short description after each step of a day (see `day_steps`)."""


def day_steps(book: Textbook, chapters_C: list[int]) -> int:
    """How many progress steps a day has: per chapter one study and one per exercise,
    plus the final probe pass."""
    return sum(1 + len(book.chapters[c - 1].exercises) for c in chapters_C) + 1


def run_day(
    learner: Learner,
    book: Textbook,
    chapters_C: list[int],
    probe_C: list[int],
    *,
    grade: Grader,
    on_step: ProgressCallback | None = None,
) -> list[StudyEvent]:
    """Study ``chapters_C`` of ``book`` in order, then probe ``probe_C``; the day's events.

    ``learner`` holds yesterday's state (or is fresh on day 1). The end-of-day
    probes are state probes (``after_chapter`` = the last chapter studied today).
    """
    events: list[StudyEvent] = []

    def step(description: str) -> None:
        if on_step is not None:
            on_step(description)

    for c in chapters_C:
        chapter = book.chapters[c - 1]
        events.append(study_event(learner, chapter, c))
        step(f"chapter {c}: practice")
        for e, item in enumerate(chapter.exercises):
            events.append(practice_event(learner, item, c, e, grade))
            step(f"chapter {c}: practice")
    events += probe_pass(learner, book, probe_C, grade, after_chapter=chapters_C[-1])
    step("probes")
    return events


@dataclass(frozen=True)
class DaySummary:
    """What a day's events add up to (the numbers of the per-day table)."""

    practice_attempted: int
    practice_solved: int
    probe_acc: dict[int, float]
    """Chapter -> share of its end-of-day probes answered correctly."""
    practice_costs: Costs
    """Sum of the practice events' costs (answering and learning from feedback)."""


def summarise(events: list[StudyEvent]) -> DaySummary:
    """Practice accuracy, probe accuracy per chapter and practice cost of a day's events.

    Raises ``ValueError`` on an ungraded practice or probe event (a broken log
    must not become an accuracy of 0).

    >>> from selftaught.types import Grade
    >>> def ev(kind, chapter, ok):
    ...     return StudyEvent(kind=kind, chapter=chapter, after_chapter=1 if kind == "probe"
    ...                       else None, grade=Grade(score=float(ok), correct=ok, feedback=""),
    ...                       costs=Costs(tokens_sampled=10))
    >>> s = summarise([ev("practice", 1, True), ev("practice", 1, False), ev("probe", 1, True),
    ...                ev("probe", 1, False), ev("probe", 2, False)])
    >>> s.practice_solved, s.probe_acc, s.practice_costs.tokens
    (1, {1: 0.5, 2: 0.0}, 20)
    """
    attempted = solved = 0
    practice = Costs()
    probes: dict[int, list[bool]] = {}
    for index, event in enumerate(events):
        if event.kind == "study":
            continue
        if event.grade is None:
            raise ValueError(f"events[{index}]: {event.kind} event {event.item_id!r} is ungraded")
        if event.kind == "practice":
            attempted += 1
            solved += int(event.grade.correct)
            practice = practice + event.costs
        elif event.after_chapter is not None:
            probes.setdefault(event.chapter, []).append(event.grade.correct)
    return DaySummary(
        practice_attempted=attempted,
        practice_solved=solved,
        probe_acc={c: sum(oks) / len(oks) for c, oks in sorted(probes.items())},
        practice_costs=practice,
    )
