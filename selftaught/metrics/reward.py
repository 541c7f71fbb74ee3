"""The progress reward with its penalties: what meta-training maximises, per chapter.

Why a separate module: the (docs/design.md) reward ``r_c = G_c − λ Σ_{j<c} drop_j`` is a
pure function of two accuracy matrices (`matrix.progress_reward`). A learner can
also buy progress in ways we do not want -- duct-taped code answers that pass a
checker, or self-edits so long they cost more than they teach -- so the reward
used for training and shown in reports subtracts configurable penalties:

    reward = G_c − λ · forgetting_c − μ · duct_tape_rate − ν · tokens / 1000

Every weight is a `RewardConfig` field; a zero weight switches its term off.
`RewardBreakdown` keeps each term, so a report can show *why* a reward is low.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, fields

import numpy as np
from numpy.typing import ArrayLike

from selftaught.metrics.matrix import check_matrix, controlled_gains


@dataclass(frozen=True)
class RewardConfig:
    """Weights of the progress reward's terms (all ≥ 0)."""

    forgetting_weight: float = 1.0
    """λ: weight of the summed probe-accuracy drops on earlier chapters (docs/design.md; SEAL uses
    gain alone, we add forgetting so that a self-edit cannot buy progress by overwriting)."""
    duct_tape_weight: float = 0.5
    """μ: weight of the duct-tape rate (fraction of code answers the detector flags, in [0, 1]).
    0.5 makes an answer set that is all duct tape cost half a chapter's full gain."""
    length_weight: float = 0.0
    """ν: penalty per 1,000 tokens the learner wrote (notes / self-edits); off by default."""

    def __post_init__(self) -> None:
        for name in ("forgetting_weight", "duct_tape_weight", "length_weight"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float) or \
                    not math.isfinite(value) or value < 0:
                raise ValueError(f"RewardConfig.{name} must be a finite number >= 0, got {value!r}")

    @classmethod
    def with_duct_tape_penalty(cls, penalty: float) -> RewardConfig:
        """The default weights with μ = ``penalty`` (``--duct-tape-penalty``); a `ValueError`
        that names the option and its range if it is bad."""
        try:
            return cls(duct_tape_weight=penalty)
        except ValueError:
            raise ValueError(f"--duct-tape-penalty {penalty!r}: must be a finite number >= 0 "
                             f"(default {cls().duct_tape_weight:g}; 0 turns the "
                             "penalty off)") from None

    def describe(self) -> str:
        """The weights in words, for captions.

        >>> RewardConfig().describe()
        'λ = 1 (forgetting), μ = 0.5 (duct tape)'
        >>> RewardConfig(length_weight=0.1).describe()
        'λ = 1 (forgetting), μ = 0.5 (duct tape), ν = 0.1 (per 1,000 tokens written)'
        """
        text = (f"λ = {self.forgetting_weight:g} (forgetting), "
                f"μ = {self.duct_tape_weight:g} (duct tape)")
        if self.length_weight:
            text += f", ν = {self.length_weight:g} (per 1,000 tokens written)"
        return text

    def to_json(self) -> str:
        """The config as json (stored in a run store under `REWARD_META_KEY`)."""
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> RewardConfig:
        """Parse `to_json`'s output; ``ValueError`` (one line) on anything else.

        >>> RewardConfig.from_json(RewardConfig(duct_tape_weight=2.0).to_json()).duct_tape_weight
        2.0
        """
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise ValueError(f"reward config is not valid json ({error})") from None
        if not isinstance(data, dict):
            raise ValueError(f"reward config must be a json object, got {text[:60]!r}")
        unknown = sorted(set(data) - {f.name for f in fields(cls)})
        if unknown:
            raise ValueError(f"reward config: unknown field(s) {', '.join(unknown)}")
        return cls(**data)


REWARD_META_KEY = "reward_config"
"""Run-store meta key holding the `RewardConfig` (json) the run's cards and report use.
It is an evaluation setting, not a run setting: changing it never changes the events."""


@dataclass(frozen=True)
class RewardBreakdown:
    """One chapter's reward and its terms: ``reward = gain − forgetting − duct_tape − length``
    (each penalty already multiplied by its weight)."""

    gain: float
    forgetting: float
    duct_tape: float
    length: float

    @property
    def reward(self) -> float:
        return self.gain - self.forgetting - self.duct_tape - self.length


def chapter_reward(
    R_learner: ArrayLike,
    R_control: ArrayLike,
    c: int,
    *,
    config: RewardConfig | None = None,
    duct_tape_rate: float = 0.0,
    tokens_written: int = 0,
) -> RewardBreakdown:
    """The penalised progress reward of chapter ``c`` (1-based).

    ``duct_tape_rate`` is the share of the learner's code answers flagged by
    `selftaught.lint.duct_tape_rate` (0 when there were no code answers);
    ``tokens_written`` the tokens of notes/self-edits the learner wrote for it.

    >>> L = [[0.0, 0.25], [0.75, 0.25], [0.5, 1.0]]
    >>> C = [[0.0, 0.25], [0.25, 0.25], [0.25, 0.5]]
    >>> chapter_reward(L, C, 2).reward
    0.25
    >>> b = chapter_reward(L, C, 2, duct_tape_rate=0.5, config=RewardConfig(duct_tape_weight=1.0))
    >>> (b.gain, b.forgetting, b.duct_tape, b.reward)
    (0.5, 0.25, 0.5, -0.25)
    """
    config = config or RewardConfig()
    learner = check_matrix(R_learner, name="R_learner")
    T = learner.shape[1]
    if not 1 <= c <= T:
        raise ValueError(f"chapter c={c} out of range 1..{T}")
    if not 0.0 <= duct_tape_rate <= 1.0:
        raise ValueError(f"duct_tape_rate must be in [0, 1], got {duct_tape_rate!r}")
    if tokens_written < 0:
        raise ValueError(f"tokens_written must be >= 0, got {tokens_written}")
    gain = float(controlled_gains(learner, R_control)[c - 1])
    drops = np.maximum(0.0, learner[c - 1, : c - 1] - learner[c, : c - 1])
    return RewardBreakdown(
        gain=gain,
        forgetting=config.forgetting_weight * float(drops.sum()),
        duct_tape=config.duct_tape_weight * duct_tape_rate,
        length=config.length_weight * tokens_written / 1000.0,
    )


def edit_reward(
    before_P: ArrayLike,
    after_P: ArrayLike,
    *,
    earlier_before_P: ArrayLike = (),
    earlier_after_P: ArrayLike = (),
    config: RewardConfig | None = None,
    duct_tape_rate: float = 0.0,
    tokens_written: int = 0,
) -> RewardBreakdown:
    """The reward of applying ONE edit (SEAL's inner loop), from per-probe correctness.

    The control is the same model without the edit, so the controlled gain is the
    change in accuracy on the chapter's probes (``before_P`` → ``after_P``, each
    0/1 or a partial score); forgetting is the drop on earlier chapters' probes.

    >>> edit_reward([0, 0, 1, 0], [1, 1, 1, 0]).reward
    0.5
    >>> edit_reward([0, 0], [1, 1], earlier_before_P=[1, 1], earlier_after_P=[0, 1]).reward
    0.5
    """
    config = config or RewardConfig()
    before, after = _scores(before_P, "before_P"), _scores(after_P, "after_P")
    if before.shape != after.shape or before.size == 0:
        raise ValueError(f"before_P and after_P must be non-empty and the same length, "
                         f"got {before.size} and {after.size}")
    e_before = _scores(earlier_before_P, "earlier_before_P")
    e_after = _scores(earlier_after_P, "earlier_after_P")
    if e_before.shape != e_after.shape:
        raise ValueError(f"earlier_before_P and earlier_after_P differ in length "
                         f"({e_before.size} vs {e_after.size})")
    drop = max(0.0, float(e_before.mean() - e_after.mean())) if e_before.size else 0.0
    if not 0.0 <= duct_tape_rate <= 1.0:
        raise ValueError(f"duct_tape_rate must be in [0, 1], got {duct_tape_rate!r}")
    if tokens_written < 0:
        raise ValueError(f"tokens_written must be >= 0, got {tokens_written}")
    return RewardBreakdown(
        gain=float(after.mean() - before.mean()),
        forgetting=config.forgetting_weight * drop,
        duct_tape=config.duct_tape_weight * duct_tape_rate,
        length=config.length_weight * tokens_written / 1000.0,
    )


def _scores(values: ArrayLike, name: str) -> np.ndarray:
    array = np.asarray(values, dtype=float).reshape(-1)
    if array.size and (not np.isfinite(array).all() or array.min() < 0 or array.max() > 1):
        raise ValueError(f"{name}: scores must be finite and in [0, 1]")
    return array
