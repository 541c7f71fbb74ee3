"""Matrix metrics against the hand-worked 3-chapter example (see conftest.py)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from selftaught import metrics as M

from .hand_example import C_HAND, L_HAND


def test_pretest_floor() -> None:
    b_C, mean = M.pretest_floor(L_HAND)
    assert b_C.tolist() == [0.25, 0.0, 0.25]
    assert mean == pytest.approx(1 / 6)


def test_post_study() -> None:
    assert M.post_study(L_HAND).tolist() == [1.0, 0.75, 0.75]
    assert M.post_study_accuracy(L_HAND) == pytest.approx(5 / 6)


def test_gains_and_hake() -> None:
    assert M.gains(L_HAND).tolist() == [0.75, 0.5, 0.25]
    np.testing.assert_allclose(M.hake_gains(L_HAND), [1.0, 2 / 3, 0.5])
    assert M.gains(C_HAND).tolist() == [0.0, 0.25, 0.0]


def test_hake_gain_is_nan_only_where_pretest_was_perfect() -> None:
    R = np.array([[1.0, 0.5], [1.0, 0.5], [0.5, 1.0]])
    g = M.hake_gains(R)
    assert np.isnan(g[0])
    assert g[1] == pytest.approx(1.0)  # (1.0 - 0.5) / (1 - 0.5)


def test_controlled_gains() -> None:
    assert M.controlled_gains(L_HAND, C_HAND).tolist() == [0.75, 0.25, 0.25]


def test_final_backward_forward() -> None:
    assert M.final_accuracy(L_HAND) == pytest.approx(2 / 3)
    assert M.backward_transfer(L_HAND) == pytest.approx(-0.25)
    assert M.forward_transfer(L_HAND) == pytest.approx(0.25)


def test_forgetting() -> None:
    assert M.forgetting(L_HAND).tolist() == [0.5, 0.0]
    assert M.max_forgetting(L_HAND) == 0.5


def test_progress_reward() -> None:
    assert [M.progress_reward(L_HAND, C_HAND, c) for c in (1, 2, 3)] == [0.75, 0.0, 0.0]
    assert M.progress_reward(L_HAND, C_HAND, 2, lam=0.5) == pytest.approx(0.125)
    assert M.progress_reward(L_HAND, C_HAND, 3, lam=0.5) == pytest.approx(0.125)
    np.testing.assert_allclose(M.progress_rewards(L_HAND, C_HAND), [0.75, 0.0, 0.0])


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (np.zeros((3, 3)), "shape"),
        (np.zeros(4), "2-D"),
        (np.zeros((1, 0)), "shape"),
        ([[0.0, 0.5], [1.2, 0.5], [0.0, 0.0]], "outside"),
        ([[0.0, 0.5], [-0.1, 0.5], [0.0, 0.0]], "outside"),
        ([[0.0, np.nan], [0.0, 0.5], [0.0, 0.0]], "finite"),
        ([["a", "b"], ["c", "d"], ["e", "f"]], "numeric"),
    ],
)
def test_bad_matrices_raise(bad: Any, message: str) -> None:
    for fn in (M.gains, M.hake_gains, M.final_accuracy, M.pretest_floor, M.post_study):
        with pytest.raises(ValueError, match=message):
            fn(bad)


def test_one_chapter_is_too_few_for_transfer_and_forgetting() -> None:
    R1 = [[0.0], [1.0]]
    assert M.gains(R1).tolist() == [1.0]
    for fn in (M.backward_transfer, M.forward_transfer, M.forgetting, M.max_forgetting):
        with pytest.raises(ValueError, match="at least 2 chapters"):
            fn(R1)


def test_progress_reward_bad_arguments() -> None:
    with pytest.raises(ValueError, match="out of range"):
        M.progress_reward(L_HAND, C_HAND, 0)
    with pytest.raises(ValueError, match="out of range"):
        M.progress_reward(L_HAND, C_HAND, 4)
    with pytest.raises(ValueError, match="lam"):
        M.progress_reward(L_HAND, C_HAND, 1, lam=-1.0)
    with pytest.raises(ValueError, match="same textbook"):
        M.progress_reward(L_HAND, C_HAND[:3, :2], 1)
    with pytest.raises(ValueError, match="same textbook"):
        M.controlled_gains(L_HAND, [[0.0], [1.0]])


_matrices = st.integers(min_value=2, max_value=5).flatmap(
    lambda T: arrays(np.float64, (T + 1, T), elements=st.floats(0.0, 1.0))
)


@settings(max_examples=60, deadline=None)
@given(_matrices)
def test_properties_on_random_matrices(R: np.ndarray) -> None:
    T = R.shape[1]
    # F_j >= R[j][j] - R[T][j]: the max over earlier states includes the post-study state.
    cols = np.arange(T - 1)
    assert np.all(M.forgetting(R) >= R[cols + 1, cols] - R[T, cols])
    assert np.all(M.controlled_gains(R, R) == 0.0)
    lam0 = M.progress_rewards(R, R, lam=0.0)
    assert np.all(lam0 == 0.0)
    # A larger λ can only lower the reward (the penalty is a sum of non-negative drops).
    assert np.all(M.progress_rewards(R, R, lam=2.0) <= M.progress_rewards(R, R, lam=1.0))
    assert -1.0 <= M.backward_transfer(R) <= 1.0
    assert M.final_accuracy(R) == pytest.approx(R[T].mean())
    g = M.hake_gains(R)
    defined = ~np.isnan(g)
    assert np.all(g[defined] <= 1.0 + 1e-12)


def test_forgetting_is_negative_when_the_final_state_is_the_best() -> None:
    # Chapter 1: 0.25 before, 0.5 after studying it, 1.0 at the end -> F1 = 0.5 - 1.0.
    R = [[0.25, 0.0], [0.5, 0.0], [1.0, 1.0]]
    assert M.forgetting(R).tolist() == [-0.5]
