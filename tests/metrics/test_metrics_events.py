"""From event logs to matrices, curves, sequences and costs (hand example in hand_example.py)."""

from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from selftaught import metrics as M
from selftaught.types import Costs, StudyEvent

from .hand_example import C_HAND, L_HAND, control_log, learner_log, probe, probes_for


def test_accuracy_matrix_from_the_learner_log() -> None:
    np.testing.assert_array_equal(M.accuracy_matrix(learner_log(), 3), L_HAND)
    np.testing.assert_array_equal(M.accuracy_matrix(control_log(), 3), C_HAND)


def test_accuracy_matrix_ignores_event_order() -> None:
    log = learner_log()
    np.testing.assert_array_equal(M.accuracy_matrix(log[::-1], 3), L_HAND)


def test_accuracy_matrix_score_measure_uses_partial_credit() -> None:
    # One state, one chapter: a right answer (score 1) and a wrong one with score 0.5.
    log = [
        probe(0, 1, 0, False, score=0.0), probe(0, 1, 1, False, score=0.0),
        probe(1, 1, 0, True), probe(1, 1, 1, False, score=0.5),
    ]
    assert M.accuracy_matrix(log, 1).tolist() == [[0.0], [0.5]]
    assert M.accuracy_matrix(log, 1, measure="score").tolist() == [[0.0], [0.75]]
    with pytest.raises(ValueError, match="measure"):
        M.accuracy_matrix(log, 1, measure="best")  # type: ignore[arg-type]


def test_accuracy_matrix_raises_on_a_missing_cell() -> None:
    # Drop chapter 3's probes after chapter 1: cell R[1][3] is empty. (For T >= 4 such
    # far-upper cells enter forgetting's max over l < T, so the whole matrix is required.)
    log = [e for e in learner_log() if not (e.after_chapter == 1 and e.chapter == 3)]
    with pytest.raises(ValueError, match=r"R\[1\]\[3\].*no probe events"):
        M.accuracy_matrix(log, 3)


def test_accuracy_matrix_raises_on_probes_only_of_chapters_so_far() -> None:
    # A run that probes only chapters 1..i after chapter i leaves the upper triangle empty.
    log = [
        e for e in probes_for(L_HAND)
        if e.after_chapter is not None and (e.after_chapter == 0 or e.chapter <= e.after_chapter)
    ]
    assert len(log) == 4 * (3 + 1 + 2 + 3)  # pre-test of all 3 chapters, then 1, 2, 3 chapters
    with pytest.raises(ValueError, match="must probe every chapter"):
        M.accuracy_matrix(log, 3)


def test_accuracy_matrix_raises_on_duplicates_ungraded_and_out_of_range() -> None:
    log = learner_log()
    with pytest.raises(ValueError, match="probed twice"):
        M.accuracy_matrix([*log, log[0]], 3)
    ungraded = StudyEvent(kind="probe", chapter=1, after_chapter=0, item_id="c1.p9")
    with pytest.raises(ValueError, match="no grade"):
        M.accuracy_matrix([*log, ungraded], 3)
    with pytest.raises(ValueError, match="outside a 2-chapter book"):
        M.accuracy_matrix(log, 2)
    with pytest.raises(ValueError, match="n_chapters"):
        M.accuracy_matrix(log, 0)


def test_learning_curve() -> None:
    log = learner_log()
    assert M.learning_curve(log, 2) == [(0, 0.25), (2, 0.5), (4, 1.0)]
    with pytest.raises(ValueError, match="no curve probes"):
        M.learning_curve(log, 1)
    with pytest.raises(ValueError, match="curve-probed twice"):
        M.learning_curve([*log, probe(None, 2, 0, True, done=0)], 2)
    no_position = probe(None, 2, 7, True)
    with pytest.raises(ValueError, match="exercises_done"):
        M.learning_curve([*log, no_position], 2)


def test_practice_correctness_in_exercise_order() -> None:
    assert M.practice_correctness(learner_log()) == {
        1: [0, 1, 0, 1, 1],
        2: [0, 0, 1, 1],
        3: [0, 0],
    }
    assert M.sequence_slope(M.practice_correctness(learner_log())[1]) == pytest.approx(0.2)


def test_practice_correctness_raises_on_bad_logs() -> None:
    log = learner_log()
    dup = next(e for e in log if e.kind == "practice")
    with pytest.raises(ValueError, match="two practice answers at position 0"):
        M.practice_correctness([*log, dup])
    with pytest.raises(ValueError, match="exercises_done"):
        M.practice_correctness([*log, dup.model_copy(update={"exercises_done": None})])
    with pytest.raises(ValueError, match="no grade"):
        M.practice_correctness([dup.model_copy(update={"grade": None})])


def test_chapter_costs_sum_study_and_practice_not_probes() -> None:
    costs_C = M.chapter_costs(learner_log(), 3)
    assert [(c.tokens, c.seconds, c.grad_steps) for c in costs_C] == [
        (600, 4.0, 5),
        (380, 3.0, 4),
        (280, 2.5, 4),
    ]
    with pytest.raises(ValueError, match="outside a 2-chapter book"):
        M.chapter_costs(learner_log(), 2)


def test_practice_costs_per_solved_exercise() -> None:
    p1, p2, p3 = M.practice_costs(learner_log(), 3)
    assert (p1.attempted, p1.solved, p1.tokens, p1.seconds) == (5, 3, 100, 2.5)
    assert p1.tokens_per_solved == pytest.approx(100 / 3)
    assert p1.seconds_per_solved == pytest.approx(2.5 / 3)
    assert (p2.solved, p2.tokens_per_solved, p2.seconds_per_solved) == (2, 40.0, 1.0)
    # Nothing solved in chapter 3: the cost per solved exercise is undefined, not 0.
    assert (p3.solved, p3.tokens_per_solved, p3.seconds_per_solved) == (0, None, None)
    assert p3.tokens == 80


def test_efficiency_from_the_log() -> None:
    costs_C = M.chapter_costs(learner_log(), 3)
    # Δ = [0.75, 0.5, 0.25] over tokens [600, 380, 280], seconds [4, 3, 2.5], steps [5, 4, 4].
    np.testing.assert_allclose(
        M.gain_per_token(L_HAND, costs_C), [0.75 / 600, 0.5 / 380, 0.25 / 280]
    )
    np.testing.assert_allclose(M.gain_per_second(L_HAND, costs_C), [0.75 / 4, 0.5 / 3, 0.25 / 2.5])
    np.testing.assert_allclose(M.gain_per_step(L_HAND, costs_C), [0.15, 0.125, 0.0625])
    control_costs = M.chapter_costs(control_log(), 3)
    with pytest.raises(ValueError, match="chapter 1 cost 0 grad steps"):
        M.gain_per_step(C_HAND, control_costs)
    with pytest.raises(ValueError, match="costs_C has 2 entries"):
        M.gain_per_token(L_HAND, costs_C[:2])
    with pytest.raises(ValueError, match="chapter 2 cost 0 seconds"):
        M.gain_per_second(L_HAND, [Costs(seconds=1.0), Costs(), Costs(seconds=1.0)])


@settings(max_examples=40, deadline=None)
@given(
    st.integers(min_value=1, max_value=4).flatmap(
        lambda T: st.tuples(
            st.just(T),
            st.lists(st.integers(1, 5), min_size=T, max_size=T),  # probes per chapter
            st.randoms(use_true_random=False),
        )
    )
)
def test_accuracy_matrix_counts_right_answers(case: tuple[int, list[int], random.Random]) -> None:
    # Random right/wrong answers per probe; R must equal (right answers) / (probes) per cell,
    # whatever the order of the log.
    T, n_probes_C, rnd = case
    expected = np.zeros((T + 1, T))
    log = []
    for i in range(T + 1):
        for j in range(1, T + 1):
            oks = [rnd.random() < 0.5 for _ in range(n_probes_C[j - 1])]
            expected[i, j - 1] = sum(oks) / len(oks)
            log += [probe(i, j, k, ok) for k, ok in enumerate(oks)]
    rnd.shuffle(log)
    np.testing.assert_allclose(M.accuracy_matrix(log, T), expected)
