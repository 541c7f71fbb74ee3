"""The metric card over seeds, from event logs (hand example in hand_example.py)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from rich.console import Console

from selftaught.metrics import HEADLINE_METRICS, MetricCard, render_matrix
from selftaught.metrics.card import DUCT_TAPE_METRICS, LOGPROB_METRICS

from .hand_example import C_HAND, L_HAND, control_log, learner_log

# Seed 1: the hand learner, but it ends at [0.75, 0.75, 0.75] (less forgetting). By hand:
# ACC = 0.75; BWT = ((0.75 − 1.0) + (0.75 − 0.75)) / 2 = −0.125; F1 = 1.0 − 0.75 = 0.25, F2 = 0;
# gains and controlled gains unchanged (Δ3 = 0.75 − 0.5), so G mean 5/12 and FWT 0.25;
# r3 = 0.25 − [max(0, 0.75 − 0.75) + 0] = 0.25, so r = [0.75, 0, 0.25], mean 1/3.
L_SEED1 = L_HAND.copy()
L_SEED1[3] = [0.75, 0.75, 0.75]


def _text(table: object, width: int = 160) -> str:
    console = Console(width=width, color_system=None)
    with console.capture() as cap:
        console.print(table)
    return cap.get()


@pytest.fixture(scope="module")
def card() -> MetricCard:
    tracks = [
        (learner_log(L_HAND), control_log(C_HAND)),
        (learner_log(L_SEED1), control_log(C_HAND)),
    ]
    return MetricCard.from_tracks(tracks, 3)


def test_headline_values_over_two_seeds(card: MetricCard) -> None:
    m = card.metrics
    assert card.n_seeds == 2 and card.n_chapters == 3
    assert m["pretest/floor"].values == pytest.approx((1 / 6, 1 / 6))
    assert m["probe/post_study"].mean == pytest.approx(5 / 6)
    assert m["probe/final_acc"].values == pytest.approx((2 / 3, 0.75))
    assert m["probe/final_acc"].mean == pytest.approx(17 / 24)
    assert m["gain/raw"].mean == pytest.approx(0.5)
    assert m["gain/controlled"].mean == pytest.approx(5 / 12)
    assert m["transfer/backward"].values == pytest.approx((-0.25, -0.125))
    assert m["transfer/forward"].mean == pytest.approx(0.25)
    assert m["forgetting/max"].values == pytest.approx((0.5, 0.25))
    assert m["reward/progress"].values == pytest.approx((0.25, 1 / 3))
    assert m["control/final_acc"].mean == pytest.approx(1 / 6)
    assert m["cost/tokens_per_chapter"].mean == pytest.approx(420.0)
    assert m["cost/seconds_per_chapter"].mean == pytest.approx(9.5 / 3)
    assert m["cost/grad_steps_per_chapter"].mean == pytest.approx(13 / 3)


def test_two_seed_interval_spans_the_two_values(card: MetricCard) -> None:
    # Resample means of two values a < b are a, (a+b)/2, b (mass 1/4, 1/2, 1/4).
    bwt = card.metrics["transfer/backward"]
    assert (bwt.lo, bwt.mean, bwt.hi) == pytest.approx((-0.25, -0.1875, -0.125))
    assert bwt.has_interval and bwt.n == 2


def test_to_dict_hierarchical_names(card: MetricCard) -> None:
    d = card.to_dict()
    # no textbooks given: no duct-tape metrics; scripted-style logs: no log-prob metrics
    assert set(HEADLINE_METRICS) - set(DUCT_TAPE_METRICS) - set(LOGPROB_METRICS) <= set(d)
    assert not set(DUCT_TAPE_METRICS) & set(d)  # no textbooks given: no duct-tape metrics
    assert d["probe/chapter_1/acc"] == pytest.approx((0.5 + 0.75) / 2)
    assert d["probe/chapter_3/acc"] == pytest.approx(0.75)
    assert d["probe/chapter_2/pretest"] == 0.0
    assert d["probe/chapter_2/post_study"] == 0.75
    assert d["gain/chapter_1/controlled"] == 0.75
    assert all(isinstance(v, float) for v in d.values())
    d_ci = card.to_dict(with_ci=True)
    assert d_ci["transfer/backward/ci_lo"] == pytest.approx(-0.25)
    assert d_ci["meta/n_seeds"] == 2.0


def test_render_shows_headlines_and_intervals(card: MetricCard) -> None:
    text = _text(card.render())
    for name in HEADLINE_METRICS:
        assert (name in text) != (name in DUCT_TAPE_METRICS or name in LOGPROB_METRICS), name
    assert "95% CI" in text
    assert "[-0.250, -0.125]" in text
    assert "420.0" in text
    assert "3.17" in text  # seconds per chapter, 9.5 / 3
    assert "probe/chapter_1/acc" not in text
    assert "probe/chapter_1/acc" in _text(card.render(per_chapter=True))


def test_mean_matrix_and_render_matrix(card: MetricCard) -> None:
    np.testing.assert_allclose(card.mean_matrix(), (L_HAND + L_SEED1) / 2)
    np.testing.assert_allclose(card.mean_matrix("control"), C_HAND)
    with pytest.raises(ValueError, match="track"):
        card.mean_matrix("teacher")  # type: ignore[arg-type]
    text = _text(render_matrix(card.mean_matrix()))
    assert "pre-test" in text and "after ch3" in text and "ch3" in text
    assert "0.62" in text  # (0.5 + 0.75) / 2 on chapter 1 after chapter 3


def test_single_seed_says_n1_instead_of_an_interval() -> None:
    card = MetricCard.from_tracks([(learner_log(), control_log())], 3)
    est = card.metrics["gain/controlled"]
    assert est.mean == pytest.approx(5 / 12)
    assert math.isnan(est.lo) and math.isnan(est.hi) and not est.has_interval
    text = _text(card.render())
    assert "n=1" in text
    assert math.isnan(card.to_dict(with_ci=True)["gain/controlled/ci_lo"])


def test_one_chapter_book_leaves_out_transfer_and_forgetting() -> None:
    L = [[0.0], [1.0]]
    C = [[0.0], [0.0]]
    card = MetricCard.from_matrices([L, L], [C, C])
    assert "transfer/backward" not in card.metrics
    assert "forgetting/max" not in card.metrics
    assert "cost/tokens_per_chapter" not in card.metrics  # no costs given
    assert card.metrics["gain/controlled"].mean == 1.0
    assert "need at least 2 chapters" in " ".join(_text(card.render()).split())


def test_errors_name_the_seed_and_track() -> None:
    broken_control = [e for e in control_log() if not (e.after_chapter == 2 and e.chapter == 1)]
    with pytest.raises(ValueError, match=r"tracks_S\[1\] control track: .*R\[2\]\[1\]"):
        MetricCard.from_tracks(
            [(learner_log(), control_log()), (learner_log(), broken_control)], 3
        )
    with pytest.raises(ValueError, match=r"tracks_S\[0\] learner track: .*outside a 2-chapter"):
        MetricCard.from_tracks([(learner_log(), control_log())], 2)
    with pytest.raises(ValueError, match="at least one seed"):
        MetricCard.from_tracks([], 3)


def test_from_matrices_validates() -> None:
    with pytest.raises(ValueError, match="same number of chapters"):
        MetricCard.from_matrices([L_HAND, [[0.0], [1.0]]], [C_HAND, [[0.0], [1.0]]])
    with pytest.raises(ValueError, match="one control matrix per learner matrix"):
        MetricCard.from_matrices([L_HAND, L_HAND], [C_HAND])
    with pytest.raises(ValueError, match="outside"):
        MetricCard.from_matrices([L_HAND * 2], [C_HAND])
    with pytest.raises(ValueError, match="lam"):
        MetricCard.from_matrices([L_HAND], [C_HAND], lam=float("nan"))


def test_formulas_with_brackets_are_not_eaten_as_markup(card: MetricCard) -> None:
    assert "mean_j R[0][j]" in _text(card.render())
    assert "mean_c R[c][c]" in _text(card.render())
    assert "accuracy R[i][j]" in _text(render_matrix(L_HAND, title="accuracy R[i][j]"))
