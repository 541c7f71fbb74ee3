"""Curve and sequence metrics against hand-computed values."""

from __future__ import annotations

import pytest

from selftaught import metrics as M

# The chapter-2 curve of the hand example: 1, 2 and 4 of 4 probes right after 0, 2, 4 exercises.
CURVE = [(0, 0.25), (2, 0.5), (4, 1.0)]


def test_exercises_to_criterion() -> None:
    assert M.exercises_to_criterion(CURVE) == 4  # first point >= 0.8
    assert M.exercises_to_criterion(CURVE, criterion=0.5) == 2
    assert M.exercises_to_criterion(CURVE, criterion=0.25) == 0
    assert M.exercises_to_criterion([(0, 0.0), (3, 0.75)]) is None  # never reached: None, not 0


def test_curve_auc() -> None:
    # Area: 2·(0.25 + 0.5)/2 + 2·(0.5 + 1.0)/2 = 0.75 + 1.5 = 2.25, over a span of 4.
    assert M.curve_auc(CURVE) == pytest.approx(0.5625)
    # Uneven spacing: (1, 0) -> (2, 1) -> (5, 1): 0.5 + 3 = 3.5 over a span of 4.
    assert M.curve_auc([(1, 0.0), (2, 1.0), (5, 1.0)]) == pytest.approx(0.875)


def test_sequence_slope() -> None:
    # y = [1, 0, 0]: k̄ = 1, ȳ = 1/3; Σ dk·dy = (−1)(2/3) + 0 + (1)(−1/3) = −1; Σ dk² = 2.
    assert M.sequence_slope([1, 0, 0]) == pytest.approx(-0.5)
    assert M.sequence_slope([0, 1]) == pytest.approx(1.0)
    assert M.sequence_slope([0.5, 0.5, 0.5, 0.5]) == 0.0


@pytest.mark.parametrize(
    ("curve", "message"),
    [
        ([], "at least"),
        ([(2, 0.5), (1, 0.6)], "strictly increasing"),
        ([(0, 0.5), (0, 0.6)], "strictly increasing"),
        ([(-1, 0.5), (1, 0.6)], "integers >= 0"),
        ([(0.5, 0.5), (1, 0.6)], "integers >= 0"),
        ([(0, 0.5), (1, 1.5)], r"\[0, 1\]"),
        ([(0, 0.5), (1, float("nan"))], r"\[0, 1\]"),
        ([(0,), (1,)], "pairs"),
    ],
)
def test_bad_curves_raise(curve: list[tuple[int, float]], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        M.exercises_to_criterion(curve)


def test_bad_arguments_raise() -> None:
    with pytest.raises(ValueError, match="at least 2"):
        M.curve_auc([(0, 1.0)])
    with pytest.raises(ValueError, match="criterion"):
        M.exercises_to_criterion(CURVE, criterion=1.5)
    with pytest.raises(ValueError, match="at least 2 answers"):
        M.sequence_slope([1])
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        M.sequence_slope([0, 2])
    with pytest.raises(ValueError, match="at least 2 answers"):
        M.sequence_slope([[0, 1], [1, 1]])  # type: ignore[list-item]
