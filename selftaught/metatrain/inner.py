"""The inner loop: score a self-edit by what it adds to the evaluated learner.

There is no second copy of studying or answering here. A candidate edit is scored by
running the learner meta-training is evaluated with (`self_edit_learner`: the ``lora``
`ModelLearner` with one `ModelLearnerConfig`) through the study protocol's own steps
(`selftaught.study.run`: ``study_event``, ``practice_event`` with feedback,
``probe_pass``) on the edit's chapter, twice:

* **with the edit** -- its Q/A pairs are extra training conversations of the chapter;
* **without it** -- the same learner, seed and steps; computed once per chapter.

For chapter c > 1 both start from the learner's saved state after studying chapters
1..c-1 (computed once per chapter and kept in the scorer's state directory), so the
earlier chapters' probes measure what the edit makes the learner forget.

The reward is the progress reward of the one edit (`edit_reward`): the controlled gain
on the chapter's probes (with minus without: the control is the same learner without the
edit) minus the weighted drop on earlier chapters' probes. ``measure`` picks the per-probe
score it compares: ``accuracy`` (graded 0/1) or ``answer_logprob`` (the mean per-token
log-probability of the reference answer -- the dense, lower-variance measure; both are
always recorded). Probes are answered in one batched call and scored in one batched
``compute_logprobs`` pass (`probe_pass`). The probes of evaluation books never reach this
module.

`Scorer` is the extension point: the outer loops take any object with
``score(task, rollouts_G)``, which is how the tests use a scorer whose best edit is known.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from selftaught.learners.model import ModelLearner, ModelLearnerConfig
from selftaught.learners.protocol import default_grader
from selftaught.metatrain.config import REWARD_MEASURES, RewardMeasure
from selftaught.metatrain.learner import GivenEdit, self_edit_learner
from selftaught.metatrain.selfedit import ChapterTask, Rollout
from selftaught.metrics.reward import RewardBreakdown, RewardConfig, edit_reward
from selftaught.study.run import practice_event, probe_pass, study_event
from selftaught.types import Costs


@dataclass(frozen=True)
class Scored:
    """A self-edit's reward with its terms, under both measures."""

    breakdown: RewardBreakdown
    """Accuracy: controlled gain on the chapter's probes, forgetting on earlier ones."""
    n_pairs: int
    """Q/A pairs of the edit applied."""
    dense: RewardBreakdown = field(default_factory=lambda: RewardBreakdown(0.0, 0.0, 0.0, 0.0))
    """The same in mean answer log-probability per token (nats)."""
    measure: RewardMeasure = "accuracy"
    """Which of the two is the training reward."""

    @property
    def reward(self) -> float:
        return (self.breakdown if self.measure == "accuracy" else self.dense).reward


class Scorer(Protocol):
    """Scores a group of self-edits written for one training chapter."""

    def score(self, task: ChapterTask, rollouts_G: Sequence[Rollout]) -> list[Scored]:
        """One `Scored` per rollout, in order."""
        ...


@dataclass(frozen=True)
class Outcome:
    """Per-probe scores of one learner after studying a chapter (this chapter, earlier)."""

    correct_P: list[float]
    logprob_P: list[float]
    earlier_correct_P: list[float]
    earlier_logprob_P: list[float]


class LearnerScorer:
    """Scores edits by running the evaluated learner with and without each of them."""

    def __init__(self, service: Any, learner: ModelLearnerConfig, *, reward: RewardConfig,
                 measure: RewardMeasure, seed: int, state_dir: Path | None = None) -> None:
        if measure not in REWARD_MEASURES:
            raise ValueError(f"measure: expected one of {REWARD_MEASURES}, got {measure!r}")
        self.service = service
        self.learner = learner
        self.reward = reward
        self.measure: RewardMeasure = measure
        self.seed = seed
        self.costs = Costs()
        """Inner-loop cost so far (the learners' own costs: tokens, steps, seconds)."""
        self.state_dir = Path(tempfile.mkdtemp(prefix="selftaught-inner-", dir=state_dir))
        self._prefix: dict[str, Path | None] = {}
        self._without: dict[str, Outcome] = {}

    def score(self, task: ChapterTask, rollouts_G: Sequence[Rollout]) -> list[Scored]:
        """Apply each edit in a fresh learner; reward = what it adds over no edit."""
        without = self.without(task)
        scored: list[Scored] = []
        for rollout in rollouts_G:
            pairs = rollout.pairs
            with_ = self.outcome(task, pairs) if pairs else without
            scored.append(self.compare(without, with_, len(pairs), len(rollout.tokens_T)))
        return scored

    def compare(self, without: Outcome, with_: Outcome, n_pairs: int, tokens: int) -> Scored:
        accuracy = edit_reward(
            without.correct_P, with_.correct_P, earlier_before_P=without.earlier_correct_P,
            earlier_after_P=with_.earlier_correct_P, config=self.reward, tokens_written=tokens)
        return Scored(accuracy, n_pairs, dense_breakdown(without, with_, self.reward),
                      self.measure)

    def without(self, task: ChapterTask) -> Outcome:
        """The learner that studied the chapter without any edit (once per chapter)."""
        if task.key not in self._without:
            self._without[task.key] = self.outcome(task, [])
        return self._without[task.key]

    def outcome(self, task: ChapterTask, pairs: Sequence[tuple[str, str]]) -> Outcome:
        """A fresh learner (from the prefix state) studies the chapter with ``pairs``."""
        prefix = self.prefix_state(task)
        learner = self.build(task, pairs)
        if prefix is not None:
            learner.load(prefix)
        c = task.chapter
        self.study_chapter(learner, task, c)
        grade = default_grader()
        events = probe_pass(learner, task.textbook, list(range(1, c + 1)), grade,
                            after_chapter=c)
        self.costs = self.costs + learner.costs()
        here = [e for e in events if e.chapter == c]
        earlier = [e for e in events if e.chapter < c]
        return Outcome(
            [float(e.grade.correct) for e in here if e.grade is not None],
            [_logprob(e.answer_logprob) for e in here],
            [float(e.grade.correct) for e in earlier if e.grade is not None],
            [_logprob(e.answer_logprob) for e in earlier],
        )

    def build(self, task: ChapterTask, pairs: Sequence[tuple[str, str]]) -> ModelLearner:
        return self_edit_learner(self.learner, GivenEdit(task.chapter, pairs), seed=self.seed,
                                 service=self.service,
                                 answer_format=task.textbook.answer_format)

    def study_chapter(self, learner: ModelLearner, task: ChapterTask, c: int) -> None:
        """Chapter ``c`` as the study run does it: study, then practice with feedback."""
        grade = default_grader()
        chapter = task.textbook.chapters[c - 1]
        study_event(learner, chapter, c)
        for e, item in enumerate(chapter.exercises):
            practice_event(learner, item, c, e, grade)

    def prefix_state(self, task: ChapterTask) -> Path | None:
        """The learner's state after chapters 1..c-1 without edits (None for chapter 1)."""
        if task.chapter == 1:
            return None
        if task.key not in self._prefix:
            learner = self.build(task, [])
            for c in range(1, task.chapter):
                self.study_chapter(learner, task, c)
            path = self.state_dir / task.key.replace("/", "_")
            if path.exists():
                shutil.rmtree(path)
            path.mkdir(parents=True)
            learner.save(path)
            self.costs = self.costs + learner.costs()
            self._prefix[task.key] = path
        return self._prefix[task.key]

    def close(self) -> None:
        """Delete the prefix states."""
        if self.state_dir.exists():
            shutil.rmtree(self.state_dir)


def dense_breakdown(without: Outcome, with_: Outcome, reward: RewardConfig) -> RewardBreakdown:
    """The edit's reward in answer log-probability: mean gain on the chapter's probes minus
    the weighted mean drop on earlier ones (nats per token).

    >>> o = lambda lp, e: Outcome([0.0], lp, [0.0] * len(e), e)
    >>> dense_breakdown(o([-2.0], [-1.0]), o([-1.0], [-1.5]), RewardConfig()).reward
    0.5
    """
    gain = float(np.nanmean(np.subtract(with_.logprob_P, without.logprob_P))) \
        if without.logprob_P else 0.0
    drop = 0.0
    if without.earlier_logprob_P:
        drop = max(0.0, float(np.nanmean(np.subtract(without.earlier_logprob_P,
                                                      with_.earlier_logprob_P))))
    return RewardBreakdown(gain=gain, forgetting=reward.forgetting_weight * drop,
                           duct_tape=0.0, length=0.0)


def _logprob(value: float | None) -> float:
    if value is None:
        raise ValueError("the learner gave no answer log-probability for a probe")
    return float(value)
