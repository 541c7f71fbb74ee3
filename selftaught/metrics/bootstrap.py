"""Confidence intervals over seeds: a single run is an anecdote.

Why a percentile bootstrap: the per-seed values of a learning metric (one per
regenerated textbook) are few, bounded and often skewed, so a normal-theory
interval would be misleading, and the percentile bootstrap of the mean needs no
distributional assumption. It is a dozen lines of numpy (scipy is not a
dependency, and is not added for this).

With a single seed there is no spread to resample: `bootstrap_ci` returns
``(v, nan, nan)`` and reports say "n=1" rather than inventing an interval.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

_CHUNK_ELEMENTS = 1_000_000
"""Resample in chunks of at most this many drawn indices, to bound memory."""


def bootstrap_ci(
    values: Sequence[float],
    *,
    confidence: float = 0.95,
    n_resamples: int = 10_000,
    seed: int = 0,
) -> tuple[float, float, float]:
    """Mean of ``values`` and its percentile-bootstrap confidence interval.

    Draws ``n_resamples`` resamples of ``values`` with replacement (numpy
    ``Generator`` seeded with ``seed``, so the interval is reproducible), takes
    each resample's mean, and returns ``(mean, lo, hi)`` with ``lo``/``hi`` the
    ``(1 − confidence)/2`` and ``(1 + confidence)/2`` quantiles of those means.
    One value gives ``(v, nan, nan)``. Raises ``ValueError`` on no values,
    non-finite values or bad parameters.

    Worked example: for [0, 1] a resample's mean is 0, 0.5 or 1 with
    probabilities 1/4, 1/2, 1/4, so the 2.5% and 97.5% quantiles are 0 and 1.

    >>> bootstrap_ci([0.0, 1.0])
    (0.5, 0.0, 1.0)
    >>> bootstrap_ci([0.7])
    (0.7, nan, nan)
    >>> mean, lo, hi = bootstrap_ci([0.2, 0.4, 0.4, 0.6, 0.9])
    >>> lo <= mean <= hi
    True
    """
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must lie strictly between 0 and 1, got {confidence!r}")
    if isinstance(n_resamples, bool) or not isinstance(n_resamples, int) or n_resamples < 1:
        raise ValueError(f"n_resamples must be an int >= 1, got {n_resamples!r}")
    try:
        x = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError) as err:
        raise ValueError(f"values must be a sequence of numbers ({err})") from err
    if x.ndim != 1 or len(x) == 0:
        raise ValueError(f"values must be a non-empty flat sequence, got shape {x.shape}")
    if not np.all(np.isfinite(x)):
        bad = int(np.flatnonzero(~np.isfinite(x))[0])
        raise ValueError(f"values[{bad}] is {x[bad]} (every per-seed value must be finite)")
    mean = float(x.mean())
    n = len(x)
    if n == 1:
        return mean, math.nan, math.nan
    rng = np.random.default_rng(seed)
    means = np.empty(n_resamples)
    per_chunk = max(1, _CHUNK_ELEMENTS // n)
    for start in range(0, n_resamples, per_chunk):
        stop = min(n_resamples, start + per_chunk)
        idx = rng.integers(0, n, size=(stop - start, n))
        means[start:stop] = x[idx].mean(axis=1)
    alpha = 1.0 - confidence
    lo, hi = np.quantile(means, [alpha / 2.0, 1.0 - alpha / 2.0])
    return mean, float(lo), float(hi)
