"""A coding textbook through a real study run with the scripted learners.

The oracle answers with the reference code (every hidden test passes); the
random learner answers with other items' code (every item fails). Both go
through the whole pipeline: generator -> study run -> python-tests checker ->
sandbox -> event log -> accuracy matrix.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import numpy as np

from selftaught.generators import generate
from selftaught.learners import make_learner
from selftaught.metrics import accuracy_matrix
from selftaught.study import RunStore, StudyConfig, book_hash, run_track

from .test_coding_generator import SANDBOX_BOOK


def run(tmp_path: Path, learner_name: str) -> np.ndarray:
    book = generate("coding", **SANDBOX_BOOK)
    store = RunStore(tmp_path / f"{learner_name}.sqlite")
    config = StudyConfig(seed=0)
    track = store.add_track(learner=learner_name, book_id=book.id, book_hash=book_hash(book),
                            seed=0, control=False, config=asdict(config))
    learner = make_learner(learner_name, book=book, seed=0)
    events = run_track(store, track, book, learner, config)
    practice = [e for e in events if e.kind == "practice"]
    assert len(practice) == 2 and all(e.grade is not None for e in practice)
    if learner_name == "oracle":
        assert all(e.grade and e.grade.correct for e in practice)
    return accuracy_matrix(events, len(book.chapters))


def test_oracle_passes_every_hidden_test(tmp_path: Path) -> None:
    matrix = run(tmp_path, "oracle")
    assert matrix.shape == (3, 2)
    assert np.nanmin(matrix) == 1.0


def test_random_learner_fails(tmp_path: Path) -> None:
    matrix = run(tmp_path, "random")
    assert np.nanmax(matrix) == 0.0
