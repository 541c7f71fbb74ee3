"""Meta-training's edit scoring on Ray: one inner-loop scorer (one loaded model) per worker.

Why the inner loop: it is where meta-training spends its time -- every self-edit of
every chapter is studied by a fresh learner and scored on the chapter's probes -- and
edits are independent of each other (each starts from the same prefix state; the
"without the edit" scores are a pure function of the chapter). So `RayScorer` hands a
group's edits to a pool of Ray actors, each holding one `LearnerScorer` built once (the
model is loaded once per worker and reused for every edit of every iteration), and
returns the scores in the group's order -- what `LearnerScorer.score` returns, up to
float rounding. A worker that dies is restarted and its edit retried by Ray
(``max_restarts``, ``max_task_retries``).

The policy itself (sampling the edits, the ReST-EM / policy-gradient update) stays in
the driver: it is one model and one optimizer.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from selftaught.learners.model import ModelLearnerConfig
from selftaught.metatrain.config import RewardMeasure
from selftaught.metatrain.inner import LearnerScorer, Scored
from selftaught.metatrain.selfedit import ChapterTask, Rollout
from selftaught.metrics.reward import RewardConfig
from selftaught.study.parallel import MAX_RETRIES, RayConfig, connect


class EditScorer:
    """The actor: a `LearnerScorer` on this worker's local service."""

    def __init__(self, learner: ModelLearnerConfig, reward: RewardConfig,
                 measure: RewardMeasure, seed: int, state_dir: str) -> None:
        from selftaught.models import LocalServiceClient

        self.inner = LearnerScorer(LocalServiceClient(state_dir=Path(state_dir)), learner,
                                   reward=reward, measure=measure, seed=seed)

    def score_one(self, task: ChapterTask, rollout: Rollout) -> Scored:
        return self.inner.score(task, [rollout])[0]


class RayScorer:
    """A `Scorer` whose edits are scored on Ray actors (``workers`` of them)."""

    def __init__(self, learner: ModelLearnerConfig, *, reward: RewardConfig,
                 measure: RewardMeasure, seed: int, ray_config: RayConfig,
                 state_dir: Path) -> None:
        import ray

        connect(ray_config)
        actor = ray.remote(num_cpus=1, max_restarts=MAX_RETRIES,
                           max_task_retries=MAX_RETRIES)(EditScorer)
        n = ray_config.workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        self.actors: list[Any] = [actor.remote(learner, reward, measure, seed, str(state_dir))
                                  for _ in range(n)]

    def score(self, task: ChapterTask, rollouts_G: Sequence[Rollout]) -> list[Scored]:
        """One `Scored` per rollout, in order; edit k goes to actor k mod workers."""
        import ray

        refs = [self.actors[k % len(self.actors)].score_one.remote(task, rollout)
                for k, rollout in enumerate(rollouts_G)]
        return list(ray.get(refs))
