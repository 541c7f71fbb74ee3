"""One chapter studied as an episode: the framework-free core of the RL environments.

Why a core of its own: the tinker-cookbook adapter (`selftaught.envs.cookbook`) works
in tokens and renderers, the ``verifiers`` one (`selftaught.envs.verifiers_env`) in
chat messages and rubrics, but what an episode *is* -- which questions come in which
order, what the learner is told, how each answer is graded and what the episode's
reward is -- must be the same in both, and the same as a ``selftaught run``. So it
lives here, as text in and text out.

An episode studies chapter ``c`` of a book, one question per turn:

1. **pre-test** (``pretest=True``): the chapter's probes, closed book, no feedback;
2. **study and practice**: the exposition and worked examples, then the exercises one
   at a time, each answer followed by its checker's feedback;
3. **post-test**: the same probes again, no feedback.

Every answer is graded by the item's own checker (`selftaught.checkers.grade`).
Rewards, all in the units of `selftaught.metrics.reward`:

* a pre-test answer earns ``score / n_P`` (so the pre-test sums to its accuracy);
* a practice answer earns ``practice_weight · score / n_E``;
* the last answer also earns the **progress reward** `edit_reward` of the episode:
  ``gain − μ · duct_tape_rate`` with ``gain = post-test accuracy − pre-test accuracy``
  (0 pre-test accuracy without a pre-test) and the duct-tape rate of the episode's
  code answers (`selftaught.metrics.ducttape`, ``python-tests`` items only).

The pre-test is paid its own score so that failing it on purpose never pays: the
return is ``practice + post-test accuracy − μ · duct_tape_rate`` either way, and the
gain is what the logs show. Forgetting (λ) needs earlier chapters' probes, which a
one-chapter episode does not ask, so it is 0 here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from selftaught.checkers import grade
from selftaught.metrics.ducttape import track_duct_tape
from selftaught.metrics.reward import RewardConfig, edit_reward
from selftaught.types import Chapter, Exercise, Grade, StudyEvent, Textbook

Phase = Literal["pretest", "practice", "probe"]


@dataclass(frozen=True)
class EpisodeConfig:
    """How a chapter episode is run and paid."""

    pretest: bool = True
    """Ask the probes closed book first, so the logs show the gain (the return is the same)."""
    practice_weight: float = 1.0
    """Weight of the practice exercises' mean score in the return."""
    reward: RewardConfig = field(default_factory=RewardConfig)
    """The progress reward's weights; ``duct_tape_weight`` is μ."""
    max_exercises: int | None = None
    """Use only the chapter's first N exercises (None: all)."""
    max_probes: int | None = None
    """Use only the chapter's first N probes (None: all)."""

    def __post_init__(self) -> None:
        if self.practice_weight < 0:
            raise ValueError(f"EpisodeConfig.practice_weight must be >= 0, got "
                             f"{self.practice_weight!r}")
        for name in ("max_exercises", "max_probes"):
            value = getattr(self, name)
            if value is not None and value < 1:
                raise ValueError(f"EpisodeConfig.{name} must be >= 1 or None, got {value!r}")


@dataclass(frozen=True)
class Outcome:
    """What one answer earned, and what the learner is told next."""

    reward: float
    grade: Grade
    done: bool
    next_message: str | None
    """The next user message (feedback + next question); None when ``done``."""
    metrics: dict[str, float]
    """Empty until the last answer; then the episode's accuracies and reward terms."""


def chapter_items(chapter: Chapter, config: EpisodeConfig) -> tuple[list[Exercise], list[Exercise]]:
    """The exercises and probes an episode over ``chapter`` asks."""
    return chapter.exercises[: config.max_exercises], chapter.probes[: config.max_probes]


def question(item: Exercise, answer_format: str) -> str:
    """An item as the learner sees it: its prompt and the book's answer convention."""
    return f"{item.prompt}\n\n{answer_format}"


def study_text(book: Textbook, chapter: Chapter, c: int) -> str:
    """The chapter's exposition and worked examples, as shown before practice."""
    parts = [f"Study chapter {c} of \"{book.title}\": {chapter.title}\n\n{chapter.exposition}"]
    for k, example in enumerate(chapter.examples, 1):
        parts.append(f"Worked example {k}: {example.prompt}\n{example.solution}\n"
                     f"Answer: {example.answer}")
    return "\n\n".join(parts)


class ChapterEpisode:
    """One pass of pre-test, study + practice with feedback, post-test over chapter ``c``.

    Single-use, like a cookbook ``Env``: call `first_message` once, then `answer` with
    each reply until an `Outcome` says ``done``.
    """

    def __init__(self, book: Textbook, c: int, config: EpisodeConfig | None = None) -> None:
        if not 1 <= c <= len(book.chapters):
            raise ValueError(f"chapter {c} out of range 1..{len(book.chapters)} "
                             f"of book {book.id!r}")
        self.book, self.c, self.config = book, c, config or EpisodeConfig()
        self.chapter = book.chapters[c - 1]
        exercises, probes = chapter_items(self.chapter, self.config)
        self.turns: list[tuple[Phase, Exercise]] = [
            *((("pretest", p) for p in probes) if self.config.pretest else ()),
            *(("practice", e) for e in exercises),
            *(("probe", p) for p in probes),
        ]
        self.n_exercises, self.n_probes = len(exercises), len(probes)
        self.position = 0
        self.scores: dict[Phase, list[float]] = {"pretest": [], "practice": [], "probe": []}
        self.events: list[StudyEvent] = []

    @property
    def done(self) -> bool:
        return self.position >= len(self.turns)

    def first_message(self) -> str:
        """The episode's first user message."""
        return self._lead_in(None, self.turns[0][0]) + self._ask(0)

    def answer(self, response: str) -> Outcome:
        """Grade ``response`` to the current question and move on."""
        if self.done:
            raise RuntimeError(f"chapter {self.c} episode is over; make a new episode")
        phase, item = self.turns[self.position]
        verdict = grade(response, item)
        self.scores[phase].append(verdict.score)
        if phase != "pretest":
            self.events.append(StudyEvent(
                kind="practice" if phase == "practice" else "probe", chapter=self.c,
                item_id=item.id, response=response, reference=item.answer, grade=verdict,
                after_chapter=self.c if phase == "probe" else None))
        reward = {"pretest": 1.0 / self.n_probes,
                  "practice": self.config.practice_weight / self.n_exercises,
                  "probe": 0.0}[phase] * verdict.score
        self.position += 1
        if self.done:
            metrics = self.summary()
            return Outcome(reward + metrics["progress_reward"], verdict, True, None, metrics)
        feedback = f"Feedback: {verdict.feedback}\n\n" if phase == "practice" else ""
        lead = self._lead_in(phase, self.turns[self.position][0])
        return Outcome(reward, verdict, False, feedback + lead + self._ask(self.position), {})

    def summary(self) -> dict[str, float]:
        """The finished episode's accuracies, duct-tape rate and progress reward."""
        post = self.scores["probe"]
        pre = self.scores["pretest"] or [0.0] * len(post)
        rate = track_duct_tape(self.events, self.book).rate
        breakdown = edit_reward(pre, post, config=self.config.reward,
                                duct_tape_rate=rate or 0.0)
        metrics = {
            "practice_accuracy": _mean(self.scores["practice"]),
            "post_accuracy": _mean(post),
            "gain": breakdown.gain,
            "duct_tape_penalty": breakdown.duct_tape,
            "progress_reward": breakdown.reward,
        }
        if self.config.pretest:
            metrics["pre_accuracy"] = _mean(pre)
        if rate is not None:
            metrics["duct_tape_rate"] = rate
        return metrics

    def _ask(self, position: int) -> str:
        phase, item = self.turns[position]
        k = sum(1 for p, _ in self.turns[: position + 1] if p == phase)
        label = "Exercise" if phase == "practice" else "Question"
        total = self.n_exercises if phase == "practice" else self.n_probes
        return f"{label} {k} of {total}: {question(item, self.book.answer_format)}"

    def _lead_in(self, previous: Phase | None, phase: Phase) -> str:
        if previous == phase:
            return ""
        if phase == "pretest":
            return (f"Before you study chapter {self.c}, a short closed-book quiz "
                    "(no feedback).\n\n")
        if phase == "practice":
            return study_text(self.book, self.chapter, self.c) + "\n\nNow practise.\n\n"
        return f"Now a quiz on chapter {self.c} (no feedback).\n\n"


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0
