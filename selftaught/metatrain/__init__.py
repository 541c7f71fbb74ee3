"""Meta-training: reward progress, and teach the model to learn (docs/metatrain.md).

Self-edit formulation (SEAL): the policy is the model that WRITES the learner's
self-edits -- Q/A pairs in a guaranteed format (`selfedit.py`) -- for a chapter. Each
sampled edit is scored by the evaluated learner itself (`learner.py`, `inner.py`: the
``lora`` model learner studies the chapter with and without the edit through the study
protocol's own steps), and an outer loop -- ReST-EM (`rest_em.py`) or group policy
gradient (`policy_gradient.py`) -- makes the policy write edits that teach more. The
trained policy is exported as a model directory (`export.py`), and `evaluate.py` asks the
only question that matters: on books never seen in training, does the same learner on
the meta-trained model gain more than on the frozen base model?

Layout: ``config.py`` (`MetaTrainConfig`, the book split), ``algorithms.py`` (the
``--algorithm`` registry), ``selfedit.py``, ``learner.py``, ``inner.py``, ``loop.py``,
``rest_em.py``, ``policy_gradient.py``, ``store.py`` and ``trainer.py`` (iterations,
checkpoints, resume, export), ``evaluate.py``, ``agreement.py`` (reward vs evaluation),
``behaviour.py`` (ordinary questions before/after).
"""

from selftaught.metatrain.config import (
    ALGORITHMS,
    BookRef,
    ConfigError,
    MetaTrainConfig,
    check_disjoint,
    eval_refs,
    learner_settings,
    make_book,
    train_refs,
    val_refs,
    writing_settings,
)
from selftaught.metatrain.evaluate import (
    Comparison,
    EvalBook,
    Paired,
    compare_models,
    eval_books,
    evaluate_model,
    paired,
)
from selftaught.metatrain.inner import LearnerScorer, Scored, Scorer
from selftaught.metatrain.learner import GivenEdit, WritingSettings, WrittenEdit, self_edit_learner
from selftaught.metatrain.loop import IterationResult, Loop, Sampling, reward_metrics
from selftaught.metatrain.policy_gradient import group_advantages, pg_iteration
from selftaught.metatrain.rest_em import rest_em_iteration
from selftaught.metatrain.selfedit import (
    ChapterTask,
    EditFormat,
    Rollout,
    parse_pairs,
    parse_rate,
    write_edits,
)
from selftaught.metatrain.store import EditRecord, IterationRecord, TrainStore, TrainStoreError
from selftaught.metatrain.trainer import (
    TrainRunError,
    evaluate_run,
    export_run,
    local_service,
    open_run,
    stored_config,
    train,
)

__all__ = [
    "ALGORITHMS", "BookRef", "ChapterTask", "Comparison", "ConfigError", "EditFormat",
    "EditRecord", "EvalBook", "GivenEdit", "IterationRecord", "IterationResult",
    "LearnerScorer", "Loop", "MetaTrainConfig", "Paired", "Rollout", "Sampling", "Scored",
    "Scorer", "TrainRunError", "TrainStore", "TrainStoreError", "WritingSettings",
    "WrittenEdit", "check_disjoint", "compare_models", "eval_books", "eval_refs",
    "evaluate_model", "evaluate_run", "export_run", "group_advantages", "learner_settings",
    "local_service", "make_book", "open_run", "paired", "parse_pairs", "parse_rate",
    "pg_iteration", "rest_em_iteration", "reward_metrics", "self_edit_learner",
    "stored_config", "train", "train_refs", "val_refs", "write_edits", "writing_settings",
]
