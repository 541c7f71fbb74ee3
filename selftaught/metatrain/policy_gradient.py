"""Policy gradient on self-edits with group-centred progress advantages (GRPO-style).

One iteration, top to bottom (the shape of the Tinker cookbook's ``rl_loop.py``):

1. **Sample** a group of K self-edits per training chapter from the current policy,
   keeping each sampled token's logprob; forced format tokens get no advantage.
2. **Score** each edit with the progress reward (`Loop.scorer`: apply it on a
   scratch copy, compare the chapter's probes before/after).
3. **Advantages**: ``A_k = r_k − mean(r_G)`` within each chapter's group (no std
   division, as rl_loop); a group whose rewards are all equal carries no signal and
   is skipped.
4. **Update**: one ``forward_backward`` over every kept edit's datum (prompt tokens
   with advantage 0, sampled tokens with their sampling logprobs and the edit's
   advantage) with ``importance_sampling`` (or clipped ``ppo``), then ONE
   ``optim_step``.

Only Tinker-SDK calls touch the model, so this runs unchanged on the service.
"""

from __future__ import annotations

import numpy as np
from tinker import types

from selftaught.metatrain.loop import (
    IterationResult,
    Loop,
    edit_records,
    reward_metrics,
)
from selftaught.metatrain.selfedit import pg_datum
from selftaught.metatrain.store import EditRecord


def group_advantages(rewards_G: list[float]) -> list[float] | None:
    """``r − mean(r_G)``, or None when the group has no spread (it would teach nothing).

    >>> group_advantages([1.0, 0.0, 0.5])
    [0.5, -0.5, 0.0]
    >>> group_advantages([0.25, 0.25]) is None
    True
    """
    rewards = np.asarray(rewards_G, dtype=float)
    if rewards.size == 0 or np.all(rewards == rewards[0]):
        return None
    return [float(a) for a in rewards - rewards.mean()]


def pg_iteration(loop: Loop, iteration: int, *, lr: float, loss_fn: str = "importance_sampling"
                 ) -> IterationResult:
    """One policy-gradient iteration; returns its metrics and scored edits."""
    rollouts_C_G = loop.sample_groups(iteration)

    data: list[types.Datum] = []
    scored_C_G = []
    edits: list[EditRecord] = []
    groups_used = 0
    for task, rollouts_G in zip(loop.tasks_C, rollouts_C_G, strict=True):
        scored_G = loop.scorer.score(task, rollouts_G)
        advantages_G = group_advantages([s.reward for s in scored_G])
        if advantages_G is not None:
            groups_used += 1
            data += [pg_datum(r, a) for r, a in zip(rollouts_G, advantages_G, strict=True)]
        scored_C_G.append(scored_G)
        edits += edit_records(task, rollouts_G, scored_G, [advantages_G is not None] * len(
            rollouts_G))
        loop.on_scored(task)

    loss = 0.0
    if data:
        out = loop.policy.forward_backward(data, loss_fn).result()
        loop.policy.optim_step(types.AdamParams(learning_rate=lr)).result()
        loss = float(out.metrics["loss:sum"])
    metrics = {
        **reward_metrics(scored_C_G, rollouts_C_G),
        "pg/groups_used": float(groups_used),
        "pg/loss": loss,
    }
    return IterationResult(metrics, edits)
