"""Meta-training: reward progress, and teach the model to learn (issue 5, docs/design.md).

The policy is the model that WRITES a learner's self-edits (Q/A training pairs, or
notes) from a chapter. Each sampled edit is applied to a scratch copy of the model
(an inner LoRA update, or notes in context) and scored by the progress reward on
the training chapter's probes; an outer loop -- ReST-EM (`rest_em.py`) or group
policy gradient (`policy_gradient.py`) -- makes the policy write edits that teach
more. `evaluate.py` then asks the only question that matters: on textbooks never
seen in training, does a learner that writes with the meta-trained policy gain more
than the same learner writing with the base model?

Layout: ``config.py`` (`MetaTrainConfig`, the book split), ``selfedit.py`` (policy
prompts, samples, parsing), ``inner.py`` (apply one edit and score it), ``loop.py``
(what an iteration gets and returns), ``rest_em.py`` and ``policy_gradient.py``
(one iteration each, top to bottom), ``store.py`` (the run's SQLite store),
``trainer.py`` (iterations, checkpoints, resume), ``evaluate.py``.
"""

from selftaught.metatrain.config import (
    ALGORITHMS,
    MEMORY_KINDS,
    BookRef,
    ConfigError,
    MetaTrainConfig,
    check_disjoint,
    eval_refs,
    make_book,
    train_refs,
    val_refs,
)
from selftaught.metatrain.evaluate import EvalSummary, Interval, evaluate, learner_config
from selftaught.metatrain.inner import InnerLoopScorer, Scored, Scorer
from selftaught.metatrain.loop import IterationResult, Loop, reward_metrics
from selftaught.metatrain.policy_gradient import group_advantages, pg_iteration
from selftaught.metatrain.rest_em import rest_em_iteration
from selftaught.metatrain.selfedit import ChapterTask, Rollout, parse_notes, parse_pairs
from selftaught.metatrain.store import EditRecord, IterationRecord, TrainStore, TrainStoreError
from selftaught.metatrain.trainer import (
    TrainRunError,
    evaluate_run,
    local_service,
    open_run,
    stored_config,
    train,
)

__all__ = [
    "ALGORITHMS",
    "MEMORY_KINDS",
    "BookRef",
    "ChapterTask",
    "ConfigError",
    "EditRecord",
    "EvalSummary",
    "InnerLoopScorer",
    "Interval",
    "IterationRecord",
    "IterationResult",
    "Loop",
    "MetaTrainConfig",
    "Rollout",
    "Scored",
    "Scorer",
    "TrainRunError",
    "TrainStore",
    "TrainStoreError",
    "check_disjoint",
    "eval_refs",
    "evaluate",
    "evaluate_run",
    "group_advantages",
    "learner_config",
    "local_service",
    "make_book",
    "open_run",
    "parse_notes",
    "parse_pairs",
    "pg_iteration",
    "rest_em_iteration",
    "reward_metrics",
    "stored_config",
    "train",
    "train_refs",
    "val_refs",
]
