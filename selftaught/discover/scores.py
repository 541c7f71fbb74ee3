"""Scores of the scientist loop: pure, typed functions of logged predictions and posteriors.

Anchors: BoxingGym scores an agent by its prediction error on held-out points after a
number of experiments, and measures experiment quality by expected information gain
(EIG); NewtonBench scores law recovery (the symbolic law, constants refitted) and a log
error. The definitions used here:

* **standardised error**: the predictor's error on the held-out queries divided by the
  error of the best *constant* predictor on the same queries -- mean squared error over
  the variance of the truth for numeric outputs (on ``log y`` for ``log`` worlds), error
  rate over the minority-class rate for yes/no outputs. 0 is perfect; 1 is "no better
  than knowing the average"; a wild theory can exceed 1.
* **progress reward**: reduction in standardised error per experiment between two
  checkpoints, ``(e_a - e_b) / (b - a)``.
* **EIG**: mutual information between the hypothesis and the reading, under the current
  posterior over a finite hypothesis space; Gaussian readings are quantised at half
  the noise sd (so the sum is finite and exact to that resolution).
* **information efficiency**: the chosen experiment's EIG divided by the mean EIG of the
  random candidates offered at the same step (> 1: better than random) and by the best
  candidate's EIG (the Bayesian-optimal choice among them; 1 is optimal).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np

from selftaught.worlds.protocol import OutputKind

CHECKPOINTS: tuple[int, ...] = (0, 1, 3, 5, 10, 20)
"""Numbers of experiments after which the held-out error is reported."""
NOISE_FLOOR = 1e-4
"""Same floor as the worlds' likelihood: the resolution of a noise-free reading."""
INTEGER_OFFSETS = (-2, -1, 1, 2)
_FRACTIONS = 64
_REACH = 8


def _check_pair(predicted: Sequence[float] | np.ndarray, truth: Sequence[float] | np.ndarray
                ) -> tuple[np.ndarray, np.ndarray]:
    p, t = np.asarray(predicted, dtype=float), np.asarray(truth, dtype=float)
    if p.shape != t.shape or p.ndim != 1 or len(p) == 0:
        raise ValueError(f"predicted and truth must be equal-length non-empty vectors, got "
                         f"{p.shape} and {t.shape}")
    if not (np.all(np.isfinite(p)) and np.all(np.isfinite(t))):
        raise ValueError("predictions and truth must be finite (replace an unusable prediction "
                         "by the no-theory guess before scoring)")
    return p, t


def standardised_error(predicted: Sequence[float] | np.ndarray,
                       truth: Sequence[float] | np.ndarray, kind: OutputKind) -> float:
    """Error of ``predicted`` relative to the best constant predictor (see module doc).

    >>> standardised_error([1.0, 2.0, 3.0], [1.0, 2.0, 3.0], "linear")
    0.0
    >>> standardised_error([2.0, 2.0, 2.0], [1.0, 2.0, 3.0], "linear")  # the mean: 1
    1.0
    >>> standardised_error([1, 0, 0, 0], [1, 1, 0, 0], "binary")  # 1 error in 4, minority 1/2
    0.5
    >>> round(standardised_error([1.0, 10.0], [10.0, 100.0], "log"), 6)  # off by 10x: log-space
    4.0
    """
    p, t = _check_pair(predicted, truth)
    if kind == "binary":
        rate = float(np.mean((p >= 0.5) != (t >= 0.5)))
        base = float(np.mean(t >= 0.5))
        minority = min(base, 1.0 - base)
        return rate / minority if minority > 0 else rate
    if kind == "log":
        if np.any(p <= 0) or np.any(t <= 0):
            raise ValueError("a log world's predictions and truth must be positive")
        p, t = np.log(p), np.log(t)
    variance = float(np.var(t))
    mse = float(np.mean((p - t) ** 2))
    return mse / variance if variance > 0 else mse


def progress_reward(errors: Mapping[int, float], start: int, end: int) -> float:
    """Reduction in held-out error per experiment from ``start`` to ``end`` experiments.

    >>> progress_reward({0: 1.0, 5: 0.5, 10: 0.0}, 0, 10)
    0.1
    """
    if end <= start:
        raise ValueError(f"end ({end}) must be after start ({start})")
    if start not in errors or end not in errors:
        raise ValueError(f"errors lack checkpoint {start if start not in errors else end}")
    return (errors[start] - errors[end]) / (end - start)


def experiments_to_criterion(met: Sequence[bool]) -> int | None:
    """Fewest experiments after which the criterion held (``met[k]``: after k experiments).

    >>> experiments_to_criterion([False, False, True, True]), experiments_to_criterion([False])
    (2, None)
    """
    for k, ok in enumerate(met):
        if ok:
            return k
    return None


def posterior(log_prior: np.ndarray, log_likelihood: np.ndarray) -> np.ndarray:
    """Normalised posterior weights ``[H]`` (computed in log space, stable).

    >>> posterior(np.log([0.5, 0.5]), np.log([1.0, 3.0])).tolist()
    [0.25, 0.75]
    """
    logw = np.asarray(log_prior, dtype=float) + np.asarray(log_likelihood, dtype=float)
    logw = logw - np.max(logw)
    w = np.exp(logw)
    return np.asarray(w / w.sum())


def _entropy(p: np.ndarray) -> float:
    p = p[p > 0]
    return float(-(p * np.log(p)).sum())


def expected_information_gain(weights: np.ndarray, predictions: np.ndarray, kind: OutputKind,
                              noise: float) -> np.ndarray:
    """EIG in nats of each of N candidate experiments, shape ``[N]``.

    ``weights`` ``[H]``: the posterior; ``predictions`` ``[H, N]``: each hypothesis's
    noise-free reading (in the likelihood space: ``log y`` for log worlds).

    Two equally likely hypotheses that a noise-free experiment tells apart: log 2.

    >>> eig = expected_information_gain(np.array([0.5, 0.5]), np.array([[0.0, 1.0], [0.0, 0.0]]),
    ...                                 "binary", 0.0)
    >>> [round(float(x), 6) for x in eig]
    [0.0, 0.693147]
    """
    w = np.asarray(weights, dtype=float)
    pred = np.asarray(predictions, dtype=float)
    if pred.ndim != 2 or pred.shape[0] != len(w):
        raise ValueError(f"predictions must be [H, N] with H = {len(w)}, got {pred.shape}")
    if kind == "binary":
        p1 = np.where(pred >= 0.5, 1.0 - noise, noise)
        q = np.clip(w @ p1, 0.0, 1.0)
        return np.asarray([_entropy(np.array([x, 1 - x])) for x in q]) - _entropy(
            np.array([noise, 1 - noise]))
    if kind == "integer":
        q = np.array([1.0 - noise] + [noise / len(INTEGER_OFFSETS)] * len(INTEGER_OFFSETS))
        shifts = np.array([0, *INTEGER_OFFSETS])
        out = []
        for column in np.rint(pred).T:
            values = (column[:, None] + shifts[None, :]).ravel()
            mass = (w[:, None] * q[None, :]).ravel()
            _, inverse = np.unique(values, return_inverse=True)
            out.append(_entropy(np.bincount(inverse, weights=mass)) - _entropy(q))
        return np.asarray(out)
    sd = max(noise, NOISE_FLOOR)
    width = sd / 2.0
    table = _bin_masses(width / sd)
    row_entropy = np.array([_entropy(r) for r in table])
    out = []
    for column in pred.T:
        scaled = column / width
        base = np.floor(scaled)
        frac = np.minimum((scaled - base) * _FRACTIONS, _FRACTIONS - 1).astype(int)
        bins = (base[:, None] + np.arange(-_REACH, _REACH + 1)[None, :]).ravel()
        mass = (w[:, None] * table[frac]).ravel()
        marginal = _accumulate(bins, mass)
        out.append(_entropy(marginal) - float(w @ row_entropy[frac]))
    return np.maximum(np.asarray(out), 0.0)


def _accumulate(bins: np.ndarray, mass: np.ndarray) -> np.ndarray:
    """Total mass per distinct bin (order irrelevant: only its entropy is used)."""
    low, high = float(bins.min()), float(bins.max())
    if high - low < 4 * len(bins) + 1024:  # dense: one bincount, no sort
        return np.bincount((bins - low).astype(np.int64), weights=mass)
    _, inverse = np.unique(bins.astype(np.int64), return_inverse=True)
    return np.bincount(inverse, weights=mass)


def _bin_masses(width_in_sd: float) -> np.ndarray:
    """``[_FRACTIONS, 2*_REACH+1]``: Gaussian mass in bins around a mean at each bin fraction."""
    rows = []
    for k in range(_FRACTIONS):
        mean = (k + 0.5) / _FRACTIONS  # position of the mean inside its bin, in bin widths
        edges = (np.arange(-_REACH, _REACH + 2) - mean) * width_in_sd
        cdf = np.array([0.5 * (1 + math.erf(e / math.sqrt(2))) for e in edges])
        mass = np.diff(cdf)
        rows.append(mass / mass.sum())
    return np.asarray(rows)


def information_efficiency(eig_chosen: float, eig_candidates: Sequence[float]
                           ) -> dict[str, float]:
    """The chosen experiment's EIG against the random candidates and against the best of them.

    >>> information_efficiency(0.5, [0.25, 0.5, 0.75])
    {'eig': 0.5, 'vs_random': 1.0, 'vs_optimal': 0.6666666666666666}
    """
    c = np.asarray(eig_candidates, dtype=float)
    if len(c) == 0:
        raise ValueError("no candidate experiments to compare with")
    mean, best = float(c.mean()), float(c.max())
    return {"eig": float(eig_chosen),
            "vs_random": eig_chosen / mean if mean > 0 else math.nan,
            "vs_optimal": eig_chosen / best if best > 0 else math.nan}
