"""The metric card on real study-run logs: scripted learners give their known signatures.

Integration with `selftaught.study.run_track` and the scripted learners: the
oracle knows everything (no gain), the diligent learner learns each chapter and
keeps it, the forgetful one keeps only the last chapter (BWT near −1). The
textbook is built here with unique exact answers (so guesses are rarely right),
and graded by a tiny local grader, so the test depends on the study run's API
only.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import pytest

from selftaught.learners import make_learner
from selftaught.metrics import (
    MetricCard,
    accuracy_matrix,
    learning_curve,
    practice_correctness,
    practice_costs,
)
from selftaught.study import RunStore, StudyConfig, book_hash, run_track
from selftaught.types import Chapter, Exercise, Grade, StudyEvent, Textbook

T = 3
SEEDS = 2


def _book() -> Textbook:
    chapters = []
    for c in range(1, T + 1):
        def item(kind: str, k: int, c: int = c) -> Exercise:
            return Exercise(id=f"c{c}.{kind}{k}", prompt=f"Chapter {c} {kind} question {k}?",
                            answer=f"word{c}{kind}{k}")
        chapters.append(Chapter(
            id=f"ch{c}", title=f"Chapter {c}", exposition=f"Words of chapter {c}.",
            exercises=[item("e", k) for k in range(4)],
            probes=[item("p", k) for k in range(5)],
        ))
    return Textbook(id="metrics-it", title="Metrics IT", domain="custom", chapters=chapters)


def _grade(response: str, item: Exercise) -> Grade:
    ok = response.rsplit("Answer:", 1)[-1].strip() == item.answer
    return Grade(score=float(ok), correct=ok, feedback=f"expected {item.answer}")


def _tracks(tmp_path: Path, learner: str) -> list[tuple[list[StudyEvent], list[StudyEvent]]]:
    book = _book()
    store = RunStore(tmp_path / learner / "run.sqlite")
    out = []
    for seed in range(SEEDS):
        pair = []
        config = StudyConfig(seed=seed, curve_every=2)
        for control in (False, True):
            track = store.add_track(learner=learner, book_id=book.id, book_hash=book_hash(book),
                                    seed=seed, control=control, config=asdict(config))
            run_track(store, track, book, make_learner(learner, book=book, seed=seed), config,
                      grader=_grade)
            pair.append(store.events(track))
        out.append((pair[0], pair[1]))
    store.close()
    return out


def test_oracle_has_nothing_to_gain(tmp_path: Path) -> None:
    card = MetricCard.from_tracks(_tracks(tmp_path, "oracle"), T)
    m = card.to_dict()
    assert m["pretest/floor"] == 1.0 and m["probe/final_acc"] == 1.0
    assert m["gain/controlled"] == 0.0 and m["transfer/backward"] == 0.0
    assert m["forgetting/max"] == 0.0


def test_diligent_learns_and_keeps(tmp_path: Path) -> None:
    tracks = _tracks(tmp_path, "diligent")
    card = MetricCard.from_tracks(tracks, T)
    m = card.to_dict()
    assert m["probe/post_study"] == 1.0 and m["probe/final_acc"] == 1.0
    assert m["pretest/floor"] < 0.5
    assert m["gain/controlled"] > 0.5
    assert m["transfer/backward"] == 0.0 and m["forgetting/max"] == 0.0
    assert m["reward/progress"] == pytest.approx(m["gain/controlled"])  # nothing forgotten
    # It knows a studied chapter before practising it: a flat curve at 1, all practice right.
    learner_events = tracks[0][0]
    assert learning_curve(learner_events, 2) == [(0, 1.0), (2, 1.0), (4, 1.0)]
    assert practice_correctness(learner_events) == {c: [1, 1, 1, 1] for c in (1, 2, 3)}
    assert all(p.solved == 4 and p.tokens_per_solved for p in practice_costs(learner_events, T))
    assert m["cost/tokens_per_chapter"] > 0


def test_forgetful_has_clearly_negative_backward_transfer(tmp_path: Path) -> None:
    tracks = _tracks(tmp_path, "forgetful")
    R = accuracy_matrix(tracks[0][0], T)
    assert R[1, 0] == 1.0 and R[2, 1] == 1.0 and R[3, 2] == 1.0  # each chapter right after study
    card = MetricCard.from_tracks(tracks, T)
    bwt = card.metrics["transfer/backward"]
    assert bwt.hi < -0.5  # the whole interval is clearly negative
    assert card.metrics["forgetting/max"].mean > 0.5
    # The progress reward charges the forgetting that the controlled gain ignores.
    assert card.metrics["reward/progress"].mean < card.metrics["gain/controlled"].mean - 0.3
