"""What one outer iteration needs and returns, shared by ReST-EM and policy gradient.

Why a shared `Loop` and `IterationResult`: the two algorithms differ only in how
they turn scored groups of self-edits into a policy update (keep-best-then-SFT vs
group-centred advantages), so each is one function ``iteration(loop, i, ...)`` readable
top to bottom in its own file, and the trainer (checkpoints, store, resume) does
not care which one runs. A `Loop` holds the few values the loops use (no config
object); the helpers here are pure.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from selftaught.metatrain.inner import Scored, Scorer
from selftaught.metatrain.selfedit import ChapterTask, EditFormat, Rollout, parse_rate, write_edits
from selftaught.metatrain.store import EditRecord
from selftaught.models import Renderer


@dataclass(frozen=True)
class Sampling:
    """How a group of self-edits is sampled from the policy."""

    group_size: int
    """K self-edits per chapter."""
    edit_format: EditFormat
    temperature: float
    seed: int
    """Base seed; each iteration's seed is `sampling_seed` of it."""


@dataclass
class Loop:
    """The state an outer iteration works on."""

    policy: Any
    """The policy's Tinker-shaped training client (a LoRA on the base model)."""
    renderer: Renderer
    tokenizer: Any
    scorer: Scorer
    tasks_C: list[ChapterTask]
    """Training chapters (all chapters of all training books)."""
    sampling: Sampling
    on_scored: Callable[[ChapterTask], None] = field(default=lambda _task: None)
    """Called after each chapter's group is scored (progress bars)."""

    def sample_groups(self, iteration: int) -> list[list[Rollout]]:
        """A group of K self-edits per training chapter, from the current policy (its
        weights saved for sampling first), seeded by the iteration."""
        s = self.sampling
        sampler = self.policy.save_weights_and_get_sampling_client().result()
        return write_edits(
            sampler, self.renderer, self.tokenizer, [t.content for t in self.tasks_C],
            group_size=s.group_size, edit_format=s.edit_format, temperature=s.temperature,
            seed=sampling_seed(s.seed, iteration),
        )


@dataclass(frozen=True)
class IterationResult:
    """What an iteration produced: its metrics and every scored edit."""

    metrics: dict[str, float]
    edits: list[EditRecord]


def sampling_seed(seed: int, iteration: int) -> int:
    """The sampling seed of an iteration: a pure function of the run's seed and iteration,
    so a resumed run samples exactly what the uninterrupted one did.

    >>> sampling_seed(3, 2) == sampling_seed(3, 2), sampling_seed(3, 2) == sampling_seed(3, 1)
    (True, False)
    """
    return (seed * 1_000_003 + iteration * 7_919) % (2**31)


def edit_records(
    task: ChapterTask, rollouts_G: Sequence[Rollout], scored_G: Sequence[Scored],
    kept_G: Sequence[bool],
) -> list[EditRecord]:
    """Store rows for one group."""
    return [
        EditRecord(book=task.book, chapter=task.chapter, k=k, reward=s.reward,
                   gain=s.breakdown.gain, forgetting=s.breakdown.forgetting, n_pairs=s.n_pairs,
                   tokens=len(r.tokens_T), kept=kept, text=r.text, dense_gain=s.dense.gain)
        for k, (r, s, kept) in enumerate(zip(rollouts_G, scored_G, kept_G, strict=True))
    ]


def reward_metrics(scored_C_G: Sequence[Sequence[Scored]],
                   rollouts_C_G: Sequence[Sequence[Rollout]] = ()) -> dict[str, float]:
    """Per-iteration reward statistics over all groups.

    ``reward/mean``, ``reward/std``, ``reward/frac_positive`` (share of edits with
    reward > 0), ``reward/group_max_mean`` (mean over chapters of the best edit's
    reward), ``reward/gain_mean`` (accuracy gain), ``reward/dense_gain_mean`` (answer
    log-prob gain), ``reward/forgetting_mean``, ``edit/pairs_mean`` (parsed pairs per
    edit), ``edit/frac_parsed`` (share with any) and, given the rollouts,
    ``edit/parse_rate`` (the same, from the written text).

    >>> from selftaught.metrics.reward import RewardBreakdown
    >>> s = lambda r, n: Scored(RewardBreakdown(r, 0.0, 0.0, 0.0), n)
    >>> m = reward_metrics([[s(0.5, 2), s(0.0, 0)], [s(-0.5, 1), s(0.0, 1)]])
    >>> m["reward/mean"], m["reward/frac_positive"], m["reward/group_max_mean"]
    (0.0, 0.25, 0.25)
    """
    flat = [s for group in scored_C_G for s in group]
    if not flat:
        raise ValueError("reward_metrics: no scored edits")
    rewards = np.array([s.reward for s in flat])
    out = {
        "reward/mean": float(rewards.mean()),
        "reward/std": float(rewards.std()),
        "reward/frac_positive": float((rewards > 0).mean()),
        "reward/group_max_mean": float(np.mean([max(s.reward for s in g) for g in scored_C_G])),
        "reward/gain_mean": float(np.mean([s.breakdown.gain for s in flat])),
        "reward/dense_gain_mean": float(np.mean([s.dense.gain for s in flat])),
        "reward/forgetting_mean": float(np.mean([s.breakdown.forgetting for s in flat])),
        "edit/pairs_mean": float(np.mean([s.n_pairs for s in flat])),
        "edit/frac_parsed": float(np.mean([s.n_pairs > 0 for s in flat])),
    }
    if rollouts_C_G:
        out["edit/parse_rate"] = parse_rate([r for g in rollouts_C_G for r in g])
    return out
