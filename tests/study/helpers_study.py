"""Shared helpers for the study tests: run one track into a fresh store, compare logs."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

from selftaught.learners import Learner, make_learner
from selftaught.study import RunStore, StudyConfig, book_hash, run_track
from selftaught.types import StudyEvent, Textbook

TINY_BOOK = Path(__file__).parent / "data" / "tiny_book.json"
"""3 chapters x (6 exercises, 6 probes: 5 exact + 1 four-way choice), invented vocabulary."""


def new_track(store: RunStore, book: Textbook, name: str, config: StudyConfig, *,
              control: bool = False) -> int:
    return store.add_track(
        learner=name, book_id=book.id, book_hash=book_hash(book), seed=config.seed,
        control=control, config=asdict(config),
    )


def run_one(
    directory: Path, book: Textbook, name: str, *, control: bool = False,
    curve_every: int | None = None, seed: int = 0, learner: Learner | None = None,
) -> tuple[RunStore, int, Learner, list[StudyEvent]]:
    """One track of ``name`` (or the given learner) through ``book`` in a new store."""
    store = RunStore(directory / "run.sqlite")
    config = StudyConfig(seed=seed, curve_every=curve_every)
    track_id = new_track(store, book, name, config, control=control)
    learner = learner or make_learner(name, book=book, seed=seed)
    events = run_track(store, track_id, book, learner, config)
    return store, track_id, learner, events


def comparable(events: list[StudyEvent]) -> list[dict[str, Any]]:
    """Events without measured seconds: what must be identical across interrupted runs."""
    return [e.model_dump(exclude={"costs": {"seconds", "cpu_seconds"}}) for e in events]
