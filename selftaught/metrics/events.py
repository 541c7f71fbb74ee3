"""From a track's event log to the arrays the metrics are defined on.

Why a separate step: the study run logs what happened (`StudyEvent`s, one per
study, practice answer and probe answer); metrics are defined on an accuracy
matrix, learning curves and correctness sequences. Keeping the reduction here,
pure and strict, means any report can be recomputed from the log alone -- and
a log with holes or duplicates (a botched resume, a probe never graded) fails
loudly here instead of quietly becoming a 0 or a NaN in a headline number.

Probe events come in two sorts (see `selftaught.types.StudyEvent`):

* state probes (``after_chapter`` = i, 0 = pre-test) fill the accuracy matrix;
  the study run must probe *every* chapter 1..T at every state 0..T, since the
  gain ``Δ_c`` and forward transfer read ``R[c−1][c]``, a chapter not yet studied;
* curve probes (``after_chapter`` is None, ``exercises_done`` = b) give the
  within-chapter learning curve of ``chapter``.

A probe's value is ``grade.correct`` (1.0 or 0.0) by default -- accuracy, the
quantity docs/design.md, Metrics defines -- or ``grade.score`` (partial credit) with
``measure="score"``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from selftaught.metrics.matrix import FloatArray
from selftaught.types import Costs, Grade, StudyEvent

Measure = Literal["correct", "score"]
"""What a probe contributes: ``correct`` (0/1, accuracy) or ``score`` (partial credit)."""


def _value(event: StudyEvent, index: int, measure: Measure) -> float:
    grade = _grade(event, index)
    if measure == "correct":
        return 1.0 if grade.correct else 0.0
    if measure == "score":
        return float(grade.score)
    raise ValueError(f"measure must be 'correct' or 'score', got {measure!r}")


def _grade(event: StudyEvent, index: int) -> Grade:
    if event.grade is None:
        raise ValueError(
            f"events[{index}]: {event.kind} event for item {event.item_id!r} "
            f"(chapter {event.chapter}) has no grade; every answered item must be graded"
        )
    return event.grade


def _check_measure(measure: str) -> None:
    if measure not in ("correct", "score"):
        raise ValueError(f"measure must be 'correct' or 'score', got {measure!r}")


def _check_n_chapters(n_chapters: int) -> int:
    if isinstance(n_chapters, bool) or not isinstance(n_chapters, int) or n_chapters < 1:
        raise ValueError(f"n_chapters must be an int >= 1, got {n_chapters!r}")
    return n_chapters


def accuracy_matrix(
    events: Sequence[StudyEvent], n_chapters: int, *, measure: Measure = "correct"
) -> FloatArray:
    """The accuracy matrix ``R`` of one track, shape ``(T+1, T)``.

    ``R[i, j-1]`` = mean probe value of chapter j's state probes taken after
    ``i`` chapters (``after_chapter == i``; row 0 is the pre-test). Curve probes,
    study and practice events are ignored. Raises ``ValueError`` if any cell has
    no probes, a probe lies outside the book, a probe is ungraded, or one item
    was probed twice in the same state (a duplicated log).

    >>> from selftaught.types import Grade, StudyEvent
    >>> def probe(after, ch, item, ok):
    ...     g = Grade(score=float(ok), correct=ok, feedback="")
    ...     return StudyEvent(kind="probe", chapter=ch, after_chapter=after, item_id=item, grade=g)
    >>> log = [probe(0, 1, "p1", False), probe(0, 1, "p2", False),
    ...        probe(1, 1, "p1", True), probe(1, 1, "p2", False)]
    >>> accuracy_matrix(log, 1).tolist()
    [[0.0], [0.5]]
    >>> accuracy_matrix(log[:2], 1)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: accuracy matrix cell R[1][1] (after 1 chapter(s), chapter 1 probes) has no ...
    """
    T = _check_n_chapters(n_chapters)
    _check_measure(measure)
    sums = np.zeros((T + 1, T))
    counts = np.zeros((T + 1, T), dtype=np.int64)
    seen: set[tuple[int, str]] = set()
    for index, event in enumerate(events):
        if event.kind != "probe" or event.after_chapter is None:
            continue
        i, j = event.after_chapter, event.chapter
        if i > T or j > T:
            raise ValueError(
                f"events[{index}]: probe of chapter {j} after chapter {i} is outside a "
                f"{T}-chapter book (is n_chapters={T} right?)"
            )
        if event.item_id is not None:
            key = (i, event.item_id)
            if key in seen:
                raise ValueError(
                    f"events[{index}]: item {event.item_id!r} probed twice after chapter {i} "
                    "(duplicated events in the log)"
                )
            seen.add(key)
        sums[i, j - 1] += _value(event, index, measure)
        counts[i, j - 1] += 1
    empty = np.argwhere(counts == 0)
    if len(empty):
        i, j = (int(x) for x in empty[0])
        raise ValueError(
            f"accuracy matrix cell R[{i}][{j + 1}] (after {i} chapter(s), chapter {j + 1} "
            f"probes) has no probe events; the study run must probe every chapter 1..{T} "
            f"at every state 0..{T}"
        )
    return sums / counts


def logprob_matrix(events: Sequence[StudyEvent], n_chapters: int) -> FloatArray | None:
    """The dense measure's matrix ``LP``, shape ``(T+1, T)``, or None when not available.

    ``LP[i, j-1]`` = mean ``answer_logprob`` (mean per-token log-probability of the
    reference answer) of chapter j's state probes after ``i`` chapters, over the probes
    that were scored. None when no state probe was scored (a learner without
    probabilities, e.g. a scripted one): "not available" is never turned into a number.
    A cell whose probes were all unscorable is nan.

    >>> from selftaught.types import StudyEvent
    >>> def probe(after, lp):
    ...     return StudyEvent(kind="probe", chapter=1, after_chapter=after, answer_logprob=lp)
    >>> logprob_matrix([probe(0, -4.0), probe(0, -2.0), probe(1, -0.5)], 1).tolist()
    [[-3.0], [-0.5]]
    >>> logprob_matrix([probe(0, None), probe(1, None)], 1) is None
    True
    """
    T = _check_n_chapters(n_chapters)
    sums = np.zeros((T + 1, T))
    counts = np.zeros((T + 1, T), dtype=np.int64)
    for index, event in enumerate(events):
        if event.kind != "probe" or event.after_chapter is None or event.answer_logprob is None:
            continue
        i, j = event.after_chapter, event.chapter
        if i > T or j > T:
            raise ValueError(f"events[{index}]: probe of chapter {j} after chapter {i} is "
                             f"outside a {T}-chapter book (is n_chapters={T} right?)")
        sums[i, j - 1] += event.answer_logprob
        counts[i, j - 1] += 1
    if not counts.any():
        return None
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)


def learning_curve(
    events: Sequence[StudyEvent], chapter: int, *, measure: Measure = "correct"
) -> list[tuple[int, float]]:
    """The within-chapter learning curve: ``[(exercises_done, accuracy), ...]``.

    Built from the curve probes of ``chapter`` (``after_chapter`` None), one point
    per distinct ``exercises_done``, sorted by it; accuracy is the mean probe
    value at that point. Raises ``ValueError`` if the chapter has no curve
    probes (curve probing was off), a curve probe lacks ``exercises_done`` or a
    grade, or an item was probed twice at the same point.

    >>> from selftaught.types import Grade, StudyEvent
    >>> def probe(b, ok, item):
    ...     g = Grade(score=float(ok), correct=ok, feedback="")
    ...     return StudyEvent(kind="probe", chapter=2, exercises_done=b, item_id=item, grade=g)
    >>> log = [probe(0, False, "a"), probe(0, False, "b"), probe(2, True, "a"),
    ...        probe(2, False, "b"), probe(4, True, "a"), probe(4, True, "b")]
    >>> learning_curve(log, 2)
    [(0, 0.0), (2, 0.5), (4, 1.0)]
    """
    if isinstance(chapter, bool) or not isinstance(chapter, int) or chapter < 1:
        raise ValueError(f"chapter must be an int >= 1, got {chapter!r}")
    _check_measure(measure)
    values: dict[int, list[float]] = defaultdict(list)
    seen: set[tuple[int, str]] = set()
    for index, event in enumerate(events):
        if event.kind != "probe" or event.after_chapter is not None or event.chapter != chapter:
            continue
        b = event.exercises_done
        if b is None:
            raise ValueError(
                f"events[{index}]: curve probe of chapter {chapter} has neither after_chapter "
                "nor exercises_done; a curve probe must say how many exercises were done"
            )
        if event.item_id is not None:
            if (b, event.item_id) in seen:
                raise ValueError(
                    f"events[{index}]: item {event.item_id!r} curve-probed twice at "
                    f"exercises_done={b} (duplicated events in the log)"
                )
            seen.add((b, event.item_id))
        values[b].append(_value(event, index, measure))
    if not values:
        raise ValueError(
            f"chapter {chapter} has no curve probes (probe events with after_chapter=None); "
            "run the study with curve probing enabled to get a learning curve"
        )
    return [(b, float(np.mean(values[b]))) for b in sorted(values)]


def practice_correctness(events: Sequence[StudyEvent]) -> dict[int, list[int]]:
    """Per chapter, the 0/1 correctness of its practice answers in exercise order.

    Order is the practice event's ``exercises_done`` (its 0-based position in the
    chapter). Keys are 1-based chapter numbers, in increasing order. Raises
    ``ValueError`` on an ungraded practice event, a missing position, or two
    answers at the same position of one chapter.

    >>> from selftaught.types import Grade, StudyEvent
    >>> def practice(ch, pos, ok):
    ...     g = Grade(score=float(ok), correct=ok, feedback="")
    ...     return StudyEvent(kind="practice", chapter=ch, exercises_done=pos, grade=g)
    >>> practice_correctness([practice(1, 1, True), practice(1, 0, False), practice(2, 0, True)])
    {1: [0, 1], 2: [1]}
    """
    by_chapter: dict[int, dict[int, int]] = defaultdict(dict)
    for index, event in enumerate(events):
        if event.kind != "practice":
            continue
        pos = event.exercises_done
        if pos is None:
            raise ValueError(
                f"events[{index}]: practice event of chapter {event.chapter} has no "
                "exercises_done (its 0-based position in the chapter)"
            )
        if pos in by_chapter[event.chapter]:
            raise ValueError(
                f"events[{index}]: two practice answers at position {pos} of chapter "
                f"{event.chapter} (duplicated events in the log)"
            )
        by_chapter[event.chapter][pos] = 1 if _grade(event, index).correct else 0
    return {
        c: [seq[p] for p in sorted(seq)] for c, seq in sorted(by_chapter.items())
    }


def chapter_costs(events: Sequence[StudyEvent], n_chapters: int) -> list[Costs]:
    """What studying each chapter cost: the sum of its study and practice events' costs.

    Element ``c-1`` is chapter c. Probe costs are excluded: quizzing is
    measurement, not learning. A chapter with no study or practice events costs
    ``Costs()`` (zero), e.g. for a control; efficiency functions refuse to divide
    by such a zero.

    >>> from selftaught.types import Costs, StudyEvent
    >>> log = [StudyEvent(kind="study", chapter=1, costs=Costs(tokens_prompt=100, seconds=2.0)),
    ...        StudyEvent(kind="practice", chapter=1, costs=Costs(tokens_sampled=20, grad_steps=1)),
    ...        StudyEvent(kind="probe", chapter=1, after_chapter=1, costs=Costs(tokens_prompt=999))]
    >>> [(c.tokens, c.seconds, c.grad_steps) for c in chapter_costs(log, 2)]
    [(120, 2.0, 1), (0, 0.0, 0)]
    """
    T = _check_n_chapters(n_chapters)
    totals_C = [Costs() for _ in range(T)]
    for index, event in enumerate(events):
        if event.kind == "probe":
            continue
        if event.chapter > T:
            raise ValueError(
                f"events[{index}]: {event.kind} event of chapter {event.chapter} is outside a "
                f"{T}-chapter book (is n_chapters={T} right?)"
            )
        totals_C[event.chapter - 1] = totals_C[event.chapter - 1] + event.costs
    return totals_C


@dataclass(frozen=True)
class PracticeCost:
    """How much working the practice exercises of one chapter cost ("works faster").

    ``tokens_per_solved`` and ``seconds_per_solved`` are None when nothing was
    solved: the cost per solved exercise is then unbounded, not 0.
    """

    chapter: int
    """1-based chapter number."""
    attempted: int
    solved: int
    tokens: int
    """Tokens of the chapter's practice events (read + sampled + trained)."""
    seconds: float
    tokens_per_solved: float | None
    seconds_per_solved: float | None


def practice_costs(events: Sequence[StudyEvent], n_chapters: int) -> list[PracticeCost]:
    """Tokens and seconds per solved practice exercise, chapter by chapter.

    A learner that "works faster" spends fewer tokens and seconds per solved
    exercise on later chapters. Only practice events count (study is learning,
    probes are measurement).

    >>> from selftaught.types import Costs, Grade, StudyEvent
    >>> def practice(pos, ok, tokens, secs):
    ...     g = Grade(score=float(ok), correct=ok, feedback="")
    ...     return StudyEvent(kind="practice", chapter=1, exercises_done=pos, grade=g,
    ...                       costs=Costs(tokens_sampled=tokens, seconds=secs))
    >>> [p] = practice_costs([practice(0, True, 30, 1.0), practice(1, False, 50, 2.0)], 1)
    >>> p.solved, p.tokens_per_solved, p.seconds_per_solved
    (1, 80.0, 3.0)
    """
    T = _check_n_chapters(n_chapters)
    attempted = [0] * T
    solved = [0] * T
    totals_C = [Costs() for _ in range(T)]
    for index, event in enumerate(events):
        if event.kind != "practice":
            continue
        if event.chapter > T:
            raise ValueError(
                f"events[{index}]: practice event of chapter {event.chapter} is outside a "
                f"{T}-chapter book (is n_chapters={T} right?)"
            )
        k = event.chapter - 1
        attempted[k] += 1
        solved[k] += 1 if _grade(event, index).correct else 0
        totals_C[k] = totals_C[k] + event.costs
    return [
        PracticeCost(
            chapter=k + 1,
            attempted=attempted[k],
            solved=solved[k],
            tokens=totals_C[k].tokens,
            seconds=totals_C[k].seconds,
            tokens_per_solved=totals_C[k].tokens / solved[k] if solved[k] else None,
            seconds_per_solved=totals_C[k].seconds / solved[k] if solved[k] else None,
        )
        for k in range(T)
    ]
