"""Meta-training's edit scoring on Ray: one inner-loop scorer (one loaded model) per worker.

Why the inner loop: it is where meta-training spends its time -- every self-edit of
every chapter is applied to a scratch LoRA (``inner_steps`` gradient steps) and scored
on the chapter's probes -- and edits are independent of each other (each starts from
the scratch copy's initial state; the "before" scores are a pure function of the
chapter). So `RayScorer` hands a group's edits to a pool of Ray actors, each holding
one `InnerLoopScorer` built once (the model is loaded once per worker and reused for
every edit of every iteration), and returns the scores in the group's order -- what
`InnerLoopScorer.score` returns, up to float rounding. A worker that dies is restarted
and its edit retried by Ray (``max_restarts``, ``max_task_retries``).

The policy itself (sampling the edits, the ReST-EM / policy-gradient update) stays in
the driver: it is one model and one optimizer.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from selftaught.metatrain.config import MetaTrainConfig
from selftaught.metatrain.inner import InnerLoopScorer, Scored
from selftaught.metatrain.selfedit import ChapterTask, Rollout
from selftaught.study.parallel import MAX_RETRIES, RayConfig, connect


class EditScorer:
    """The actor: an `InnerLoopScorer` on this worker's local service."""

    def __init__(self, config: MetaTrainConfig, state_dir: str) -> None:
        from selftaught.models import LocalServiceClient

        self.inner = InnerLoopScorer(LocalServiceClient(state_dir=Path(state_dir)), config)

    def score_one(self, task: ChapterTask, rollout: Rollout) -> Scored:
        return self.inner.score(task, [rollout])[0]


class RayScorer:
    """A `Scorer` whose edits are scored on Ray actors (``workers`` of them)."""

    def __init__(self, config: MetaTrainConfig, ray_config: RayConfig, state_dir: Path) -> None:
        import ray

        connect(ray_config)
        actor = ray.remote(num_cpus=1, max_restarts=MAX_RETRIES,
                           max_task_retries=MAX_RETRIES)(EditScorer)
        n = ray_config.workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        self.actors: list[Any] = [actor.remote(config, str(state_dir)) for _ in range(n)]

    def score(self, task: ChapterTask, rollouts_G: Sequence[Rollout]) -> list[Scored]:
        """One `Scored` per rollout, in order; edit k goes to actor k mod workers."""
        import ray

        refs = [self.actors[k % len(self.actors)].score_one.remote(task, rollout)
                for k, rollout in enumerate(rollouts_G)]
        return list(ray.get(refs))
