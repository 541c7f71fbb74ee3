"""The duct-tape rate of a track: how many of the learner's code answers hide a problem.

Why a metric of its own: a code answer can pass its hidden tests and still be
duct tape -- an ``except Exception: return None`` around the real work, or a
branch that recognises a test's input and returns its expected output. The
grade cannot see that; the duct-tape detector (`selftaught.lint`) can. The
rate is penalised in the progress reward (`selftaught.metrics.reward`,
weight μ) and shown in the metric card and the report.

What is judged: every practice and probe answer to an item whose checker is
``python-tests``. Its code is read exactly as the checker reads it
(`selftaught.checkers.python_tests.extract_code`) and linted as ``solution.py``
together with *that item's* hidden tests, so special-casing of the graded
inputs (DT301/DT302) is caught too. This is `selftaught.lint.duct_tape_rate`
with ``unparseable="skip"``, applied per item (each item has its own tests)
and kept answer by answer so the findings can be shown:

* an answer with at least one finding is flagged; the rate is flagged / judged;
* an answer whose code does not parse (or has no code) cannot be judged and is
  left out of the rate (its checker fails it anyway) -- counted as ``unparseable``;
* items of other checker kinds are not code and are not counted;
* a track with no judged code answer has rate None, never 0: "no duct tape
  seen" and "nothing to look at" are different claims.

Per chapter means per *item's* chapter (``StudyEvent.chapter``), over all
states the item was answered in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from selftaught.lint import Finding, LintSyntaxError, lint_source
from selftaught.lint.special_case import GradedCases, read_tests
from selftaught.types import EventKind, Exercise, StudyEvent, Textbook

CODE_CHECKER = "python-tests"
"""The checker kind whose answers are code (and are judged for duct tape)."""


@dataclass(frozen=True)
class FlaggedAnswer:
    """One code answer the detector flagged, with what it found."""

    item_id: str
    chapter: int
    """1-based chapter of the item."""
    kind: EventKind
    """``practice`` or ``probe``."""
    after_chapter: int | None
    """probe: chapters completed when it was answered (0 = pre-test); None otherwise."""
    code: str
    """The code as the checker read it from the response."""
    correct: bool | None
    """Whether its grade said correct (duct tape often passes); None if ungraded."""
    findings: tuple[Finding, ...]
    """Each with ``rule`` (e.g. ``DT101``), ``line`` and ``message``."""


@dataclass(frozen=True)
class DuctTape:
    """The duct-tape rate of one track's code answers, overall and per chapter."""

    code_answers: int
    """Answers to ``python-tests`` items (practice + probes)."""
    judged: int
    """Of those, answers whose code parsed (the rate's denominator)."""
    flagged: int
    """Judged answers with at least one finding."""
    flagged_C: dict[int, int]
    """Chapter -> flagged answers of its items (chapters with judged answers only)."""
    judged_C: dict[int, int]
    """Chapter -> judged answers of its items (chapters with judged answers only)."""
    flagged_answers: tuple[FlaggedAnswer, ...]
    """Every flagged answer, in log order."""

    @property
    def unparseable(self) -> int:
        """Code answers left out of the rate: no code, or code that does not parse."""
        return self.code_answers - self.judged

    @property
    def rate(self) -> float | None:
        """flagged / judged, in [0, 1]; None when no code answer could be judged."""
        return self.flagged / self.judged if self.judged else None

    @property
    def rate_C(self) -> dict[int, float]:
        """Chapter -> its rate, for the chapters with judged code answers."""
        return {c: self.flagged_C[c] / n for c, n in self.judged_C.items()}


def code_items(book: Textbook) -> dict[str, Exercise]:
    """The book's exercises and probes graded by ``python-tests``, by id."""
    return {i: item for i, item in book.items().items() if item.checker.kind == CODE_CHECKER}


def track_duct_tape(events: Sequence[StudyEvent], book: Textbook) -> DuctTape:
    """Judge every code answer of one track's log against its item's hidden tests.

    ``book`` is the textbook the track ran on (cut or uncut). Raises
    ``ValueError`` if a practice/probe event names no item or an item the book
    does not have, or a code item's hidden tests do not parse.

    >>> from selftaught.types import Chapter, CheckerSpec, Exercise, Grade, StudyEvent, Textbook
    >>> tests = "from solution import solve\\n\\ndef test_a():\\n    assert solve(7) == 42\\n"
    >>> item = Exercise(id="c1.e1", prompt="p", answer="a",
    ...                 checker=CheckerSpec(kind="python-tests", tests=tests))
    >>> book = Textbook(id="b", title="t", domain="custom", chapters=[Chapter(
    ...     id="c1", title="c", exposition="x", exercises=[item], probes=[item.model_copy(
    ...         update={"id": "c1.p1"})])])
    >>> def answer(code):
    ...     return StudyEvent(kind="practice", chapter=1, exercises_done=0, item_id="c1.e1",
    ...                       response=f"```python\\n{code}```",
    ...                       grade=Grade(score=1.0, correct=True, feedback=""))
    >>> clean = "def solve(x):\\n    return 6 * x\\n"
    >>> cheat = "def solve(x):\\n    if x == 7:\\n        return 42\\n    return 0\\n"
    >>> dt = track_duct_tape([answer(clean), answer(cheat)], book)
    >>> dt.rate, [f.rule for f in dt.flagged_answers[0].findings]
    (0.5, ['DT301'])
    >>> track_duct_tape([], book).rate is None
    True
    """
    # Imported here: the checkers package loads sympy, which metrics users should not pay for.
    from selftaught.checkers.python_tests import SOLUTION_MODULE, extract_code

    path = f"{SOLUTION_MODULE}.py"
    items = book.items()
    cases: dict[str, GradedCases] = {}
    seen: dict[tuple[str, str], tuple[Finding, ...] | None] = {}
    code_answers = judged = flagged = 0
    judged_C: dict[int, int] = {}
    flagged_C: dict[int, int] = {}
    flagged_answers: list[FlaggedAnswer] = []
    for index, event in enumerate(events):
        if event.kind not in ("practice", "probe"):
            continue
        if event.item_id is None:
            raise ValueError(f"events[{index}]: {event.kind} event of chapter {event.chapter} "
                             "names no item; cannot tell whether it is a code answer")
        item = items.get(event.item_id)
        if item is None:
            raise ValueError(f"events[{index}]: item {event.item_id!r} is not in textbook "
                             f"{book.id!r} (is it the book this track ran on?)")
        if item.checker.kind != CODE_CHECKER:
            continue
        code_answers += 1
        code = extract_code(event.response or "")
        if code is None:
            continue
        key = (item.id, code)
        if key not in seen:
            if item.id not in cases:
                cases[item.id] = _graded_cases(item)
            seen[key] = _findings(code, cases[item.id], path)
        findings = seen[key]
        if findings is None:
            continue
        judged += 1
        judged_C[event.chapter] = judged_C.get(event.chapter, 0) + 1
        flagged_C.setdefault(event.chapter, 0)
        if findings:
            flagged += 1
            flagged_C[event.chapter] += 1
            flagged_answers.append(FlaggedAnswer(
                item_id=item.id, chapter=event.chapter, kind=event.kind,
                after_chapter=event.after_chapter, code=code,
                correct=None if event.grade is None else event.grade.correct,
                findings=findings,
            ))
    return DuctTape(
        code_answers=code_answers, judged=judged, flagged=flagged,
        flagged_C=dict(sorted(flagged_C.items())), judged_C=dict(sorted(judged_C.items())),
        flagged_answers=tuple(flagged_answers),
    )


def _graded_cases(item: Exercise) -> GradedCases:
    try:
        return read_tests(item.checker.tests or "")
    except SyntaxError as error:
        raise ValueError(f"item {item.id}: its hidden tests do not parse as Python "
                         f"(line {error.lineno}: {error.msg})") from None


def _findings(code: str, cases: GradedCases, path: str) -> tuple[Finding, ...] | None:
    """The detector's findings on one answer (as `duct_tape_rate` judges it); None if the
    code does not parse, which ``unparseable="skip"`` leaves out of the rate."""
    try:
        return tuple(lint_source(code, path, cases))
    except LintSyntaxError:
        return None
