"""Within-chapter metrics: how fast a learner improves while it practises.

Why: two learners can end a chapter at the same accuracy, one after two
exercises and one after twenty. The accuracy matrix cannot tell them apart;
the learning curve (probe accuracy after b practice exercises, from the study
run's curve probes) and the correctness sequence of the practice answers
themselves (EvaLearn's sequence metrics) can.

A curve is a list of ``(exercises_done, accuracy)`` points as returned by
`selftaught.metrics.events.learning_curve`: ``exercises_done`` strictly
increasing integers >= 0, accuracies in [0, 1].
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

Curve = Sequence[tuple[int, float]]
"""``[(exercises_done, accuracy), ...]`` sorted by ``exercises_done``."""


def _check_curve(curve: Curve, *, min_points: int = 1) -> tuple[np.ndarray, np.ndarray]:
    if len(curve) < min_points:
        raise ValueError(f"curve needs at least {min_points} point(s), got {len(curve)}")
    try:
        b = np.array([p[0] for p in curve], dtype=np.float64)
        acc = np.array([p[1] for p in curve], dtype=np.float64)
    except (TypeError, ValueError, IndexError) as err:
        raise ValueError(
            f"curve must be a list of (exercises_done, accuracy) pairs ({err})"
        ) from err
    if not (np.all(np.isfinite(b)) and np.all(b >= 0) and np.all(b == np.round(b))):
        raise ValueError(f"curve: exercises_done must be integers >= 0, got {b.tolist()}")
    if np.any(np.diff(b) <= 0):
        raise ValueError(f"curve: exercises_done must be strictly increasing, got {b.tolist()}")
    if not np.all(np.isfinite(acc)) or np.any((acc < 0) | (acc > 1)):
        raise ValueError(f"curve: accuracies must lie in [0, 1], got {acc.tolist()}")
    return b, acc


def exercises_to_criterion(curve: Curve, criterion: float = 0.8) -> int | None:
    """Practice exercises needed to first reach ``criterion`` probe accuracy.

    The smallest ``exercises_done`` whose accuracy is >= ``criterion``; None if
    the curve never reaches it (not 0, and not the curve's length: "never" is
    its own answer).

    >>> exercises_to_criterion([(0, 0.0), (2, 0.5), (4, 0.8), (6, 1.0)])
    4
    >>> exercises_to_criterion([(0, 0.0), (2, 0.5)]) is None
    True
    """
    if not np.isfinite(criterion) or not 0.0 <= criterion <= 1.0:
        raise ValueError(f"criterion must lie in [0, 1], got {criterion!r}")
    b, acc = _check_curve(curve)
    reached = np.flatnonzero(acc >= criterion)
    return int(b[reached[0]]) if len(reached) else None


def curve_auc(curve: Curve) -> float:
    """Normalised area under the learning curve, in [0, 1].

    Trapezoid rule over ``exercises_done``, divided by the span
    ``b_last − b_first``: 1 means perfect from the first point on, 0 means never
    right. Needs at least two points (one point spans no exercises).

    Worked example: (0, 0.0) -> (2, 0.5) -> (4, 1.0) has area
    2·(0+0.5)/2 + 2·(0.5+1)/2 = 0.5 + 1.5 = 2.0 over a span of 4, so 0.5.

    >>> curve_auc([(0, 0.0), (2, 0.5), (4, 1.0)])
    0.5
    """
    b, acc = _check_curve(curve, min_points=2)
    area = float(np.sum(np.diff(b) * (acc[1:] + acc[:-1]) / 2.0))
    return area / float(b[-1] - b[0])


def sequence_slope(correct_seq: Sequence[float]) -> float:
    """OLS slope of correctness over exercise position (per exercise).

    Fits ``y_k ≈ a + s·k`` for positions k = 0..n−1 and returns ``s``:
    ``s = Σ (k − k̄)(y_k − ȳ) / Σ (k − k̄)²``. Positive means the learner gets
    better as it goes. Values must lie in [0, 1] (0/1 correctness or scores);
    needs at least two answers.

    Worked example: y = [0, 0, 1, 1], k̄ = 1.5, ȳ = 0.5;
    numerator = (−1.5)(−0.5) + (−0.5)(−0.5) + (0.5)(0.5) + (1.5)(0.5) = 2.0,
    denominator = 2.25 + 0.25 + 0.25 + 2.25 = 5.0, slope 0.4.

    >>> sequence_slope([0, 0, 1, 1])
    0.4
    >>> sequence_slope([1, 1, 1])
    0.0
    """
    try:
        y = np.asarray(correct_seq, dtype=np.float64)
    except (TypeError, ValueError) as err:
        raise ValueError(f"correct_seq must be a sequence of numbers ({err})") from err
    if y.ndim != 1 or len(y) < 2:
        raise ValueError(
            f"correct_seq needs at least 2 answers in a flat sequence, got shape {y.shape}"
        )
    if not np.all(np.isfinite(y)) or np.any((y < 0) | (y > 1)):
        raise ValueError(f"correct_seq values must lie in [0, 1], got {y.tolist()}")
    k = np.arange(len(y), dtype=np.float64)
    dk = k - k.mean()
    return float(np.sum(dk * (y - y.mean())) / np.sum(dk * dk))
