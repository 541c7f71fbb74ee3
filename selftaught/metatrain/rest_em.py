"""ReST-EM on self-edits (SEAL): sample, score, keep the best, imitate it.

One iteration, top to bottom:

1. **E-step, sample**: K self-edits per training chapter from the current policy
   in the guaranteed format (`write_edits`: batched, every edit parses).
2. **E-step, score**: apply each edit on a scratch copy and score it with the
   progress reward on the training chapter's probes (`Loop.scorer`).
3. **E-step, filter**: per chapter keep the best edit if its reward is > 0 (SEAL
   keeps only edits that improved the model; a chapter with no improving edit
   teaches nothing this round).
4. **M-step**: ``sft_steps`` AdamW steps of ``cross_entropy`` on (chapter prompt ->
   kept edit), the prompt weighted 0 -- the policy learns to write what worked.

Only Tinker-SDK calls touch the model, so this runs unchanged on the service.
"""

from __future__ import annotations

from tinker import types

from selftaught.metatrain.loop import (
    IterationResult,
    Loop,
    edit_records,
    reward_metrics,
)
from selftaught.metatrain.selfedit import Rollout, sft_datum
from selftaught.metatrain.store import EditRecord


def rest_em_iteration(loop: Loop, iteration: int, *, sft_lr: float, sft_steps: int
                      ) -> IterationResult:
    """One ReST-EM iteration; returns its metrics and scored edits."""
    rollouts_C_G = loop.sample_groups(iteration)

    kept: list[Rollout] = []
    scored_C_G = []
    edits: list[EditRecord] = []
    for task, rollouts_G in zip(loop.tasks_C, rollouts_C_G, strict=True):
        scored_G = loop.scorer.score(task, rollouts_G)
        rewards_G = [s.reward for s in scored_G]
        best = max(range(len(rewards_G)), key=lambda k: rewards_G[k])  # first of equal maxima
        keep_G = [k == best and rewards_G[k] > 0 for k in range(len(rewards_G))]
        kept += [r for r, keep in zip(rollouts_G, keep_G, strict=True) if keep]
        scored_C_G.append(scored_G)
        edits += edit_records(task, rollouts_G, scored_G, keep_G)
        loop.on_scored(task)

    loss = 0.0
    if kept:
        data = [sft_datum(r) for r in kept]
        for _ in range(sft_steps):
            out = loop.policy.forward_backward(data, "cross_entropy").result()
            loop.policy.optim_step(types.AdamParams(learning_rate=sft_lr)).result()
            loss = float(out.metrics["loss:sum"])
    n_tokens = sum(len(r.tokens_T) for r in kept)
    metrics = {
        **reward_metrics(scored_C_G, rollouts_C_G),
        "rest_em/kept": float(len(kept)),
        "rest_em/sft_loss_per_token": loss / n_tokens if n_tokens else 0.0,
    }
    return IterationResult(metrics, edits)
