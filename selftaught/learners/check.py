"""`check_learner`: does a learner honour the `Learner` contract a study run relies on?

Why a conformance check: the study run, resume and the metrics assume things
no type checker can see -- one response per prompt, a save/load round trip
that reproduces behaviour exactly (resume depends on it), cost counters that
only grow (events log their differences). Like Gymnasium's ``check_env``, this
drives a learner through every verb on a real textbook and reports *every*
problem it finds at once in a `ConformanceError`; the tests run it over every
registered learner.

What is checked, in order:

1. the object satisfies the `Learner` protocol and has a non-empty ``name``;
2. ``answer`` returns a list of ``str``, one per prompt, for batches of 0, 1 and many;
3. with ``batch_invariant`` (default), answering a batch equals answering its
   prompts one at a time from the same state -- this is how "in order" is
   tested: a learner that permutes or shifts responses fails it. Learners
   whose sampling legitimately depends on batch composition pass ``False``;
4. ``study`` (on the `study_view`) and ``answer`` + ``feedback`` on
   every exercise of every chapter run without raising;
5. ``save`` -> ``load`` into a fresh learner built with a *different* seed gives
   the same cost counters (tokens, gradient steps) and identical answers, twice
   in a row (so RNG state is part of the saved state);
6. ``load`` of an empty directory raises (a missing checkpoint must never load silently);
7. ``costs`` never decreases, in any counter, across all of the above.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

from selftaught.learners.protocol import (
    Grader,
    Learner,
    LearnerFactory,
    default_grader,
    study_view,
)
from selftaught.types import Costs, Exercise, Textbook

T = TypeVar("T")

_COUNTERS = (
    "tokens_prompt", "tokens_sampled", "tokens_trained", "grad_steps", "seconds", "cpu_seconds"
)


class ConformanceError(AssertionError):
    """A learner broke the contract; ``problems`` holds one line per problem."""

    def __init__(self, name: str, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(
            f"learner {name!r} fails {len(problems)} conformance check(s):\n"
            + "\n".join(f"  - {p}" for p in problems)
        )


class _Checker:
    """Collects problems and watches the cost counters while a learner is driven."""

    def __init__(self, learner: Learner) -> None:
        self.learner = learner
        self.problems: list[str] = []
        self._last_costs: Costs | None = None

    def call(self, what: str, fn: Callable[[], T]) -> tuple[bool, T | None]:
        """Run one learner call -> (it returned, its result); a raise becomes a problem."""
        try:
            result = fn()
        # A conformance check must report every failure of the code under test, whatever
        # its type; the exception is not hidden, it becomes a line of the ConformanceError.
        except Exception as error:  # noqa: BLE001
            self.problems.append(f"{what} raised {type(error).__name__}: {error}")
            return False, None
        self.watch_costs(what)
        return True, result

    def watch_costs(self, after: str) -> None:
        costs = self.learner.costs()
        if not isinstance(costs, Costs):
            kind = type(costs).__name__
            self.problems.append(f"costs() after {after} returned {kind}, not Costs")
            return
        if self._last_costs is not None:
            for field in _COUNTERS:
                before, now = getattr(self._last_costs, field), getattr(costs, field)
                if now < before:
                    self.problems.append(
                        f"costs().{field} decreased after {after}: {before} -> {now}"
                    )
        self._last_costs = costs

    def check_responses(self, what: str, prompts: list[str], responses: object) -> bool:
        if not isinstance(responses, list):
            self.problems.append(f"{what} returned {type(responses).__name__}, not list")
            return False
        if len(responses) != len(prompts):
            self.problems.append(
                f"{what} returned {len(responses)} responses for {len(prompts)} prompts"
            )
            return False
        bad = [i for i, r in enumerate(responses) if not isinstance(r, str)]
        if bad:
            self.problems.append(f"{what}: responses at positions {bad[:5]} are not str")
            return False
        return True


def check_learner(
    factory: LearnerFactory,
    book: Textbook,
    *,
    grader: Grader | None = None,
    batch_invariant: bool = True,
) -> None:
    """Drive a learner built by ``factory`` through every verb on ``book``; raise on any problem.

    ``grader`` grades practice responses for ``feedback`` (default:
    `selftaught.checkers.grade`). Raises `ConformanceError` listing all problems.
    """
    grade = grader or default_grader()
    learner = factory(book=book, seed=0)
    name = getattr(learner, "name", "?")
    if not isinstance(learner, Learner):
        missing = [
            verb for verb in ("name", "study", "answer", "feedback", "costs", "save", "load")
            if not hasattr(learner, verb)
        ]
        raise ConformanceError(str(name), [f"not a Learner: missing {', '.join(missing)}"])
    check = _Checker(learner)
    if not isinstance(name, str) or not name:
        check.problems.append(f"name must be a non-empty str, got {name!r}")
    check.watch_costs("creation")

    probes_P = [p.prompt for ch in book.chapters for p in ch.probes]
    exercises_E = [e.prompt for ch in book.chapters for e in ch.exercises]
    many = probes_P[:4] + exercises_E[:4]
    for prompts in ([], many[:1], many):
        what = f"answer(batch of {len(prompts)})"
        ok, responses = check.call(what, partial(learner.answer, prompts))
        if ok:
            check.check_responses(what, prompts, responses)

    with tempfile.TemporaryDirectory(prefix="check_learner_") as tmp:
        root = Path(tmp)
        if batch_invariant:
            _check_batch_invariance(factory, book, learner, check, root / "order", many)

        for number, chapter in enumerate(book.chapters, start=1):
            check.call(f"study(chapter {number})", partial(learner.study, study_view(chapter)))
            for item in chapter.exercises:
                what = f"answer([{item.id}])"
                ok, responses = check.call(what, partial(learner.answer, [item.prompt]))
                if not ok or not check.check_responses(what, [item.prompt], responses):
                    continue
                response = responses[0]  # type: ignore[index]  # checked: a list of one str
                check.call(
                    f"grade + feedback({item.id})",
                    partial(_grade_and_feedback, learner, grade, item, response),
                )

        _check_round_trip(factory, book, learner, check, root / "saved", probes_P + exercises_E)

        empty = root / "empty"
        empty.mkdir()
        fresh = factory(book=book, seed=0)
        refused = False
        try:
            fresh.load(empty)
        except (OSError, ValueError, KeyError):
            refused = True  # the expected outcome: a missing state is refused with a clear error
        if not refused:
            check.problems.append("load() of an empty directory did not raise")

    if check.problems:
        raise ConformanceError(name if isinstance(name, str) else "?", check.problems)


def _grade_and_feedback(
    learner: Learner, grade: Grader, item: Exercise, response: str
) -> None:
    learner.feedback(item, response, grade(response, item))


def _check_batch_invariance(
    factory: LearnerFactory, book: Textbook, learner: Learner, check: _Checker,
    directory: Path, prompts: list[str],
) -> None:
    """Answering a batch from a saved state equals answering it one prompt at a time."""
    directory.mkdir()
    if not check.call("save()", lambda: learner.save(directory))[0]:
        return
    batched, single = factory(book=book, seed=7), factory(book=book, seed=7)

    def both_ways() -> tuple[list[str], list[str]]:
        batched.load(directory)
        single.load(directory)
        return batched.answer(prompts), [single.answer([p])[0] for p in prompts]

    ok, answers = check.call("load() + answer() in the batch-order check", both_ways)
    if not ok or answers is None:
        return
    together, one_by_one = answers
    if together != one_by_one:
        check.problems.append(
            "answer(batch) differs from answering the same prompts one at a time "
            "(responses out of order? pass batch_invariant=False if sampling depends on batch)"
        )


def _check_round_trip(
    factory: LearnerFactory, book: Textbook, learner: Learner, check: _Checker,
    directory: Path, prompts: list[str],
) -> None:
    """save -> load into a differently seeded learner reproduces costs and answers exactly."""
    directory.mkdir()
    if not check.call("save()", lambda: learner.save(directory))[0]:
        return
    restored = factory(book=book, seed=12345)
    if not check.call("load()", lambda: restored.load(directory))[0]:
        return
    saved, loaded = learner.costs(), restored.costs()
    for field in _COUNTERS[:4]:
        if getattr(saved, field) != getattr(loaded, field):
            check.problems.append(
                f"after save/load costs().{field} is {getattr(loaded, field)}, "
                f"saved {getattr(saved, field)}"
            )
    for attempt in ("first", "second"):
        original, again = learner.answer(prompts), restored.answer(prompts)
        if original != again:
            differing = sum(a != b for a, b in zip(original, again, strict=False))
            check.problems.append(
                f"after save/load, the {attempt} answer() of {len(prompts)} prompts differs in "
                f"{differing} responses (is the RNG state saved?)"
            )
            return
