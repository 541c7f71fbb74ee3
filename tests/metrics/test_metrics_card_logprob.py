"""The card's dense measure (answer log-probability) and its CPU-time cost."""

from __future__ import annotations

import math

import numpy as np
import pytest

from selftaught.metrics import LOGPROB_METRICS, MetricCard, logprob_matrix
from selftaught.types import Costs, StudyEvent

R = [[0.0, 0.0], [1.0, 0.0], [0.5, 1.0]]
C = [[0.0, 0.0], [0.0, 0.0], [0.0, 0.0]]
LP = np.array([[-5.0, -6.0], [-1.0, -5.0], [-2.0, -1.0]])
LPC = np.array([[-5.0, -6.0], [-5.0, -6.0], [-5.0, -6.0]])


def test_logprob_metrics_from_matrices() -> None:
    card = MetricCard.from_matrices([R], [C], [[Costs(cpu_seconds=60.0)] * 2],
                                    logprob_S=[(LP, LPC)])
    m = card.metrics
    assert set(LOGPROB_METRICS) <= set(m)
    assert m["probe/answer_logprob"].mean == pytest.approx(-1.0)  # (LP[1][1] + LP[2][2]) / 2
    assert m["probe/answer_logprob_pretest"].mean == pytest.approx(-5.5)
    assert m["gain/answer_logprob"].mean == pytest.approx(((-1 + 5) + (-1 + 5)) / 2)
    assert m["gain/answer_logprob_controlled"].mean == pytest.approx(4.0)
    assert m["probe/chapter_2/answer_logprob"].mean == pytest.approx(-1.0)
    assert m["cost/cpu_minutes_per_chapter"].mean == pytest.approx(1.0)


def test_logprob_metrics_absent_when_not_available() -> None:
    card = MetricCard.from_matrices([R], [C], logprob_S=[(None, None)])
    assert not set(LOGPROB_METRICS) & set(card.metrics)
    only_learner = MetricCard.from_matrices([R], [C], logprob_S=[(LP, None)])
    assert "gain/answer_logprob" in only_learner.metrics
    assert "gain/answer_logprob_controlled" not in only_learner.metrics
    with pytest.raises(ValueError, match="logprob_S"):
        MetricCard.from_matrices([R], [C], logprob_S=[])


def test_logprob_matrix_skips_unscored_probes_and_marks_empty_cells() -> None:
    def probe(after: int, chapter: int, lp: float | None) -> StudyEvent:
        return StudyEvent(kind="probe", chapter=chapter, after_chapter=after, answer_logprob=lp)

    log = [probe(0, 1, -2.0), probe(0, 1, None), probe(1, 1, -1.0), probe(0, 2, None)]
    M = logprob_matrix(log, 2)
    assert M is not None and M[0, 0] == -2.0 and M[1, 0] == -1.0 and math.isnan(M[0, 1])
    with pytest.raises(ValueError, match="outside"):
        logprob_matrix([probe(3, 1, -1.0)], 2)
