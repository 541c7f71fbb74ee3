"""A toy scorer whose best self-edit is known: the share of written tokens in a fixed set.

With temperature-1 sampling from the tiny random model, that share varies from
sample to sample, so a working outer loop (ReST-EM keeping the best, or policy
gradient on centred rewards) must raise it; a broken one (wrong sign, no update,
update on the wrong tokens) does not.
"""

from __future__ import annotations

from collections.abc import Sequence

from selftaught.metatrain import ChapterTask, Rollout, Scored
from selftaught.metrics.reward import RewardBreakdown
from selftaught.models.loading import build_byte_tokenizer

TARGET_TEXT = "aeiou"
"""Characters whose tokens are rewarded (byte-level tokenizer: one token each)."""


def target_tokens() -> frozenset[int]:
    tokenizer = build_byte_tokenizer()
    return frozenset(int(t) for t in tokenizer.encode(TARGET_TEXT, add_special_tokens=False))


class ShareScorer:
    """reward = share of an edit's sampled tokens that are in ``target`` (in [0, 1])."""

    def __init__(self, target: frozenset[int]) -> None:
        self.target = target

    def score(self, task: ChapterTask, rollouts_G: Sequence[Rollout]) -> list[Scored]:
        del task
        out = []
        for rollout in rollouts_G:
            tokens = [t for t, s in zip(rollout.tokens_T, rollout.sampled_T, strict=True) if s]
            share = sum(t in self.target for t in tokens) / max(1, len(tokens))
            out.append(Scored(RewardBreakdown(share, 0.0, 0.0, 0.0), n_pairs=len(tokens)))
        return out
