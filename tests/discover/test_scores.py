"""Scores against hand-computed cases."""

from __future__ import annotations

import math

import numpy as np
import pytest

from selftaught.discover.scores import (
    expected_information_gain,
    experiments_to_criterion,
    information_efficiency,
    posterior,
    progress_reward,
    standardised_error,
)
from selftaught.discover.theory import explanation_predictions, law_recovered, predictions
from selftaught.worlds import make_world


def test_standardised_error_hand_cases() -> None:
    # truth 0, 2, 4: variance 8/3; predictions off by 1 everywhere: mse 1 -> 3/8
    assert standardised_error([1, 3, 5], [0, 2, 4], "linear") == pytest.approx(3 / 8)
    # binary: 1 positive in 4 (minority 1/4): "always no" errs 1/4 -> 1; two errors -> 2
    assert standardised_error([0, 0, 0, 0], [1, 0, 0, 0], "binary") == pytest.approx(1.0)
    assert standardised_error([0, 0, 0, 1], [1, 0, 0, 0], "binary") == pytest.approx(2.0)
    # log: off by factor e everywhere, truth log values 0 and 2 (variance 1) -> 1
    assert standardised_error([math.e, math.e**3], [1.0, math.e**2], "log") == pytest.approx(1.0)
    with pytest.raises(ValueError, match="finite"):
        standardised_error([math.nan], [1.0], "linear")
    with pytest.raises(ValueError, match="positive"):
        standardised_error([-1.0, 1.0], [1.0, 2.0], "log")


def test_progress_reward_and_criterion() -> None:
    assert progress_reward({0: 1.0, 3: 0.4}, 0, 3) == pytest.approx(0.2)
    with pytest.raises(ValueError):
        progress_reward({0: 1.0}, 0, 3)
    assert experiments_to_criterion([False, True, False]) == 1


def test_eig_binary_with_noise_hand_computed() -> None:
    # two equally likely rules that disagree; flip noise 0.1:
    # p(y=1) = 0.5, H(Y) = log 2, H(Y|h) = H_b(0.1)
    eig = expected_information_gain(np.array([0.5, 0.5]), np.array([[1.0], [0.0]]), "binary", 0.1)
    hb = -(0.1 * math.log(0.1) + 0.9 * math.log(0.9))
    assert float(eig[0]) == pytest.approx(math.log(2) - hb)


def test_eig_integer_noise_free_is_partition_entropy() -> None:
    # three hypotheses, weights 1/2, 1/4, 1/4, predicting 5, 5, 7 -> partition {1/2+1/4, 1/4}
    eig = expected_information_gain(np.array([0.5, 0.25, 0.25]), np.array([[5.0], [5.0], [7.0]]),
                                    "integer", 0.0)
    expected = -(0.75 * math.log(0.75) + 0.25 * math.log(0.25))
    assert float(eig[0]) == pytest.approx(expected)


def test_eig_gaussian_far_apart_is_log2_and_identical_is_zero() -> None:
    preds = np.array([[0.0, 0.0], [100.0, 0.0]])
    eig = expected_information_gain(np.array([0.5, 0.5]), preds, "linear", 0.1)
    assert float(eig[0]) == pytest.approx(math.log(2), abs=1e-6)
    assert float(eig[1]) == pytest.approx(0.0, abs=1e-9)
    # overlapping readings carry less than one bit
    close = expected_information_gain(np.array([0.5, 0.5]), np.array([[0.0], [0.1]]), "linear", 0.1)
    assert 0.0 < float(close[0]) < math.log(2)


def test_information_efficiency_and_posterior() -> None:
    eff = information_efficiency(0.2, [0.1, 0.4])
    assert eff["vs_random"] == pytest.approx(0.2 / 0.25) and eff["vs_optimal"] == pytest.approx(0.5)
    assert posterior(np.log([0.25, 0.75]), np.array([0.0, -math.inf])).tolist() == [1.0, 0.0]


def test_law_recovery_refits_constants_but_not_exponents() -> None:
    world = make_world("physics", seed=1)  # law 1.75792*L**-2*g**3
    assert world.law_text.endswith("*L**-2*g**3")
    assert law_recovered(world, "9*g**3/L**2")
    assert law_recovered(world, "C*L**-2*g**3")
    assert not law_recovered(world, "C*L**-2*g**2")
    assert not law_recovered(world, "not a formula (")
    circuit = make_world("circuit", seed=1)  # resistor values are the law: not refitted
    assert law_recovered(circuit, circuit.law_text)
    assert not law_recovered(circuit, circuit.law_text.replace("330.0", "331.0"))
    zendo = make_world("zendo", seed=1)
    assert law_recovered(zendo, zendo.law_text)
    assert not law_recovered(zendo, "any(red)")


def test_predictions_fall_back_and_explanations_are_read_naively() -> None:
    world = make_world("integers", seed=1)  # 4*n + 9
    values, ok = predictions(world, "4*n + 9")
    assert ok and values.tolist() == world.truth(world.queries).tolist()
    fallback, ok = predictions(world, "x + 1")
    assert not ok and set(fallback.tolist()) == {world.prior_guess}
    read, ok = explanation_predictions(world, "It rises by four each step. So y = 4*n + 9.")
    assert ok and np.array_equal(read, values)
    _, ok = explanation_predictions(world, "It goes up a lot.")
    assert not ok
