"""Reward-to-evaluation agreement: does an edit's training reward predict what it does later?

The reward is only useful if the edits it ranks high are the ones that help the learner
when it is evaluated. `reward_agreement` takes edits scored during training (their stored
reward and text), re-measures each one's gain with the evaluated learner under the
EVALUATION seed (a fresh `LearnerScorer`: other LoRA initialisation, other batches), and
reports the Spearman rank correlation of the two (target >= 0.5) -- for the training
reward against the re-measured accuracy gain and against the re-measured dense gain.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from selftaught.metatrain.inner import LearnerScorer
from selftaught.metatrain.selfedit import ChapterTask, Rollout
from selftaught.metatrain.store import EditRecord


def average_ranks(values: Sequence[float]) -> np.ndarray:
    """1-based ranks, ties given the mean of their positions.

    >>> average_ranks([3.0, 1.0, 3.0, 2.0]).tolist()
    [3.5, 1.0, 3.5, 2.0]
    """
    x = np.asarray(values, dtype=float)
    order = np.argsort(x, kind="stable")
    ranks = np.empty(len(x))
    i = 0
    while i < len(x):
        j = i
        while j + 1 < len(x) and x[order[j + 1]] == x[order[i]]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def spearman(x: Sequence[float], y: Sequence[float]) -> float:
    """Spearman rank correlation (Pearson on average ranks); nan if either side is constant.

    >>> spearman([1, 2, 3, 4], [10, 20, 30, 40]), spearman([1, 2, 3], [3, 2, 1])
    (1.0, -1.0)
    >>> math.isnan(spearman([1, 1, 1], [1, 2, 3]))
    True
    """
    if len(x) != len(y) or len(x) < 2:
        raise ValueError(f"spearman: need two equal lists of >= 2 values, got {len(x)}, {len(y)}")
    rx, ry = average_ranks(x), average_ranks(y)
    if rx.std() == 0 or ry.std() == 0:
        return math.nan
    return float(np.corrcoef(rx, ry)[0, 1])


@dataclass(frozen=True)
class Agreement:
    """Training reward vs the gain the evaluated learner gets from the same edit."""

    n: int
    spearman_accuracy: float
    """Rank correlation of the training reward with the re-measured accuracy gain."""
    spearman_dense: float
    """... with the re-measured answer-log-prob gain."""
    rows: list[dict[str, float | str]]


def reward_agreement(edits: Sequence[tuple[ChapterTask, EditRecord]],
                     scorer: LearnerScorer) -> Agreement:
    """Re-measure every edit with ``scorer`` (built with the evaluation seed)."""
    rows: list[dict[str, float | str]] = []
    for task, record in edits:
        rollout = Rollout((0,), (0,), (0.0,), record.text)
        again = scorer.score(task, [rollout])[0]
        rows.append({"edit": f"{task.key}/k{record.k}", "reward": record.reward,
                     "eval_gain": again.breakdown.gain, "eval_dense_gain": again.dense.gain})
    rewards = [float(r["reward"]) for r in rows]
    return Agreement(
        n=len(rows),
        spearman_accuracy=spearman(rewards, [float(r["eval_gain"]) for r in rows]),
        spearman_dense=spearman(rewards, [float(r["eval_dense_gain"]) for r in rows]),
        rows=rows,
    )
