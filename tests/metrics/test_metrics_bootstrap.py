"""The percentile bootstrap: contains the mean, narrows with seeds, honest at n=1."""

from __future__ import annotations

import math

import numpy as np
import pytest

from selftaught.metrics import bootstrap_ci


def test_two_values_hand_computed() -> None:
    # Resample means of [0, 1] are 0, 0.5, 1 with probability 1/4, 1/2, 1/4.
    assert bootstrap_ci([0.0, 1.0]) == (0.5, 0.0, 1.0)
    # A 40% interval: the 30% and 70% quantiles both fall in the 0.5 mass (from 25% to 75%).
    assert bootstrap_ci([0.0, 1.0], confidence=0.4) == (0.5, 0.5, 0.5)


def test_one_value_has_no_interval() -> None:
    mean, lo, hi = bootstrap_ci([0.3])
    assert mean == 0.3
    assert math.isnan(lo) and math.isnan(hi)


def test_identical_values_give_a_point_interval() -> None:
    assert bootstrap_ci([0.4] * 5) == pytest.approx((0.4, 0.4, 0.4))


def test_contains_the_mean_and_narrows_with_more_seeds() -> None:
    rng = np.random.default_rng(1)
    widths = []
    for n in (4, 16, 64, 256):
        values = rng.normal(0.5, 0.2, size=n)
        mean, lo, hi = bootstrap_ci(values.tolist())
        assert mean == pytest.approx(values.mean())
        assert lo <= mean <= hi
        widths.append(hi - lo)
    assert widths == sorted(widths, reverse=True)
    # Width shrinks like 1/sqrt(n): 64x the seeds gives roughly 1/8 the width.
    assert widths[-1] < widths[0] / 4


def test_coverage_is_near_nominal() -> None:
    # Percentile bootstrap of the mean of 20 normal draws: coverage ~0.93-0.95.
    rng = np.random.default_rng(7)
    trials, covered = 300, 0
    for t in range(trials):
        values = rng.normal(1.0, 1.0, size=20).tolist()
        _, lo, hi = bootstrap_ci(values, n_resamples=2000, seed=t)
        covered += lo <= 1.0 <= hi
    assert 0.88 <= covered / trials <= 0.99


def test_seeded_and_reproducible() -> None:
    values = [0.1, 0.5, 0.2, 0.9, 0.4]
    assert bootstrap_ci(values, seed=3) == bootstrap_ci(values, seed=3)
    assert bootstrap_ci(values, seed=3) != bootstrap_ci(values, seed=4)


def test_large_inputs_are_chunked_correctly() -> None:
    values = np.linspace(0.0, 1.0, 500).tolist()  # 500 x 10_000 draws, in chunks
    _, lo, hi = bootstrap_ci(values)
    # Standard error of the mean of a uniform grid: sqrt(1/12 / 500) ≈ 0.0129; ±1.96 SE.
    assert lo == pytest.approx(0.5 - 1.96 * 0.0129, abs=0.004)
    assert hi == pytest.approx(0.5 + 1.96 * 0.0129, abs=0.004)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"values": []}, "non-empty"),
        ({"values": [0.1, float("nan")]}, r"values\[1\]"),
        ({"values": [0.1, float("inf")]}, "finite"),
        ({"values": [[0.1], [0.2]]}, "flat"),
        ({"values": ["a"]}, "numbers"),
        ({"values": [0.1, 0.2], "confidence": 1.0}, "confidence"),
        ({"values": [0.1, 0.2], "confidence": 0.0}, "confidence"),
        ({"values": [0.1, 0.2], "n_resamples": 0}, "n_resamples"),
    ],
)
def test_bad_inputs_raise(kwargs: dict[str, object], message: str) -> None:
    values = kwargs.pop("values")
    with pytest.raises(ValueError, match=message):
        bootstrap_ci(values, **kwargs)  # type: ignore[arg-type]
