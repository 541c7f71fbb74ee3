"""Learning metrics: pure, typed, doctested functions of a study run's event log.

Why a package of pure functions: a learning claim must be recomputable from the
logged events alone, and each formula must be checkable by hand. The pipeline is

    events (one track)  --events.py-->  accuracy matrix R, curves, sequences, costs
    R (learner, control) --matrix.py--> gains, Hake gains, controlled gains,
                                        ACC, BWT, FWT, forgetting, progress reward
    curves, sequences    --curves.py--> exercises-to-criterion, AUC, sequence slope
    R + costs        --efficiency.py--> gain per token / second / gradient step
    values over seeds --bootstrap.py--> mean and 95% percentile-bootstrap CI
    events + textbook  --ducttape.py--> duct-tape rate of the code answers (reward penalty)
    all of the above       --card.py--> MetricCard (to_dict for loggers, render for people)

Conventions: chapters are 1-based in names and formulas (as users see them),
arrays are 0-based: ``R`` has shape ``(T+1, T)``, ``R[i, j-1]`` is the (docs/design.md)
``R[i][j]`` (state after i chapters, row 0 = pre-test; chapter j's probes).
Functions raise ``ValueError`` on bad input and never turn an error into 0.
"""

from selftaught.metrics.bootstrap import bootstrap_ci
from selftaught.metrics.card import (
    DUCT_TAPE_METRICS,
    HEADLINE_METRICS,
    LOGPROB_METRICS,
    Estimate,
    MetricCard,
    TrackPair,
    render_matrix,
)
from selftaught.metrics.curves import (
    Curve,
    curve_auc,
    exercises_to_criterion,
    sequence_slope,
)
from selftaught.metrics.ducttape import DuctTape, FlaggedAnswer, code_items, track_duct_tape
from selftaught.metrics.efficiency import gain_per_second, gain_per_step, gain_per_token
from selftaught.metrics.events import (
    Measure,
    PracticeCost,
    accuracy_matrix,
    chapter_costs,
    learning_curve,
    logprob_matrix,
    practice_correctness,
    practice_costs,
)
from selftaught.metrics.matrix import (
    backward_transfer,
    check_matrix,
    controlled_gains,
    final_accuracy,
    forgetting,
    forward_transfer,
    gains,
    hake_gains,
    max_forgetting,
    n_chapters,
    post_study,
    post_study_accuracy,
    pretest_floor,
    progress_reward,
    progress_rewards,
)
from selftaught.metrics.reward import (
    REWARD_META_KEY,
    RewardBreakdown,
    RewardConfig,
    chapter_reward,
    edit_reward,
)

__all__ = [
    "DUCT_TAPE_METRICS",
    "HEADLINE_METRICS",
    "LOGPROB_METRICS",
    "REWARD_META_KEY",
    "Curve",
    "DuctTape",
    "Estimate",
    "FlaggedAnswer",
    "Measure",
    "MetricCard",
    "PracticeCost",
    "RewardBreakdown",
    "RewardConfig",
    "TrackPair",
    "accuracy_matrix",
    "backward_transfer",
    "bootstrap_ci",
    "chapter_costs",
    "chapter_reward",
    "check_matrix",
    "code_items",
    "controlled_gains",
    "curve_auc",
    "edit_reward",
    "exercises_to_criterion",
    "final_accuracy",
    "forgetting",
    "forward_transfer",
    "gain_per_second",
    "gain_per_step",
    "gain_per_token",
    "gains",
    "hake_gains",
    "learning_curve",
    "logprob_matrix",
    "max_forgetting",
    "n_chapters",
    "post_study",
    "post_study_accuracy",
    "practice_correctness",
    "practice_costs",
    "pretest_floor",
    "progress_reward",
    "progress_rewards",
    "render_matrix",
    "sequence_slope",
    "track_duct_tape",
]
