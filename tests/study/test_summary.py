"""summary.json: written from the store, the card serialised, the dense measure carried."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from helpers_study import new_track

from selftaught.learners import ScoresAnswers, make_learner
from selftaught.metrics import MetricCard
from selftaught.study import RunStore, StudyConfig, run_track
from selftaught.study.summary import SUMMARY_FILE, read_summary, summarize, write_summary
from selftaught.types import Textbook


class ScoringLearner:
    """A scripted diligent learner that also scores answers: -0.5 when it knows one, else -5."""

    def __init__(self, book: Textbook, seed: int) -> None:
        self.inner = make_learner("diligent", book=book, seed=seed)
        self.name = self.inner.name
        self.study, self.answer, self.feedback = (self.inner.study, self.inner.answer,
                                                   self.inner.feedback)
        self.costs, self.save, self.load = self.inner.costs, self.inner.save, self.inner.load

    def answer_logprobs(self, prompts: list[str], references: list[str]) -> list[float]:
        answers = self.inner.answer(prompts)
        return [-0.5 if ref in got else -5.0 for got, ref in zip(answers, references, strict=True)]


def _run(tmp_path: Path, book: Textbook, scoring: bool) -> RunStore:
    store = RunStore(tmp_path / "run.sqlite")
    config = StudyConfig(seed=0)
    for control in (False, True):
        track = new_track(store, book, "diligent", config, control=control)
        learner = ScoringLearner(book, 0) if scoring else make_learner(
            "diligent", book=book, seed=0)
        run_track(store, track, book, learner, config)  # type: ignore[arg-type]
    return store


def test_summary_is_the_card_with_matrices_and_costs(tmp_path: Path, tiny_book: Textbook) -> None:
    store = _run(tmp_path, tiny_book, scoring=False)
    written = write_summary(tmp_path, store)
    on_disk = json.loads((tmp_path / SUMMARY_FILE).read_text())
    assert on_disk == json.loads(json.dumps(written)) == read_summary(tmp_path)
    entry = on_disk["learners"]["diligent"]
    assert len(entry["accuracy_matrix"]) == 1 and len(entry["accuracy_matrix"][0]) == 4
    card = MetricCard.from_tracks([(store.events(1), store.events(2))], 3)
    assert entry["metrics"]["probe/post_study"]["mean"] == pytest.approx(
        card.metrics["probe/post_study"].mean)
    assert entry["metrics"]["probe/post_study"]["ci_lo"] is None  # one seed: no interval
    assert "probe/answer_logprob" not in entry["metrics"]  # scripted: not available
    assert entry["answer_logprob_matrix"] == [None]
    assert len(entry["costs"]["per_chapter"][0]) == 3
    assert on_disk["unfinished"] == []


def test_dense_measure_reaches_events_card_and_summary(tmp_path: Path,
                                                       tiny_book: Textbook) -> None:
    assert isinstance(ScoringLearner(tiny_book, 0), ScoresAnswers)
    store = _run(tmp_path, tiny_book, scoring=True)
    probes = [e for e in store.events(1) if e.kind == "probe"]
    assert all(e.answer_logprob in (-0.5, -5.0) for e in probes)
    entry = summarize(store)["learners"]["diligent"]
    metrics = entry["metrics"]
    assert metrics["probe/answer_logprob_pretest"]["mean"] == pytest.approx(-5.0)
    assert metrics["gain/answer_logprob"]["mean"] > 0
    assert metrics["gain/answer_logprob_controlled"]["mean"] == pytest.approx(
        metrics["gain/answer_logprob"]["mean"])  # the control never studies
    assert all(not math.isnan(x) for row in entry["answer_logprob_matrix"][0] for x in row)


def test_unfinished_tracks_are_listed_not_summarised(tmp_path: Path, tiny_book: Textbook) -> None:
    store = RunStore(tmp_path / "run.sqlite")
    new_track(store, tiny_book, "diligent", StudyConfig(seed=0))
    summary = summarize(store)
    assert summary["learners"] == {}
    assert summary["unfinished"][0]["status"] == "pending"
    with pytest.raises(ValueError, match="summary"):
        read_summary(tmp_path)


def test_a_track_without_its_control_reports_its_completed_rows(tmp_path: Path,
                                                                 tiny_book: Textbook) -> None:
    store = RunStore(tmp_path / "run.sqlite")
    config = StudyConfig(seed=0)
    track = new_track(store, tiny_book, "diligent", config)
    run_track(store, track, tiny_book, make_learner("diligent", book=tiny_book, seed=0), config)
    new_track(store, tiny_book, "diligent", config, control=True)  # never run
    (entry,) = [u for u in summarize(store)["unfinished"] if not u["control"]]
    assert entry["steps_completed"] == 4 and len(entry["accuracy_rows"]) == 4
    assert entry["accuracy_rows"][1][0] == 1.0  # diligent knows chapter 1 after studying it
    assert "control_accuracy_matrix" not in entry
