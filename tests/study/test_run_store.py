"""RunStore: round trips, schema versioning, refusing what is not a run store, discarding."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from helpers_study import run_one

from selftaught.study import SCHEMA_VERSION, RunStore, RunStoreError
from selftaught.types import Costs, Grade, StudyEvent, Textbook


def test_events_round_trip_through_a_reopened_store(tiny_book: Textbook, tmp_path: Path) -> None:
    store, track_id, _, events = run_one(tmp_path, tiny_book, "random")
    store.close()
    with RunStore(tmp_path / "run.sqlite") as again:
        assert again.events(track_id) == events  # exact, seconds included
        [track] = again.tracks()
        assert (track.learner, track.book_id, track.status, track.control) == (
            "random", tiny_book.id, "done", False
        )
        assert again.last_checkpoint(track_id).step == 3  # type: ignore[union-attr]
        assert again.event_count(track_id) == len(events)


def test_indexed_columns_match_the_event_json(tiny_book: Textbook, tmp_path: Path) -> None:
    store, track_id, _, _ = run_one(tmp_path, tiny_book, "diligent")
    store.close()
    db = sqlite3.connect(tmp_path / "run.sqlite")
    rows = db.execute(
        "SELECT kind, chapter, after_chapter, exercises_done, item_id, event_json FROM events "
        "WHERE track_id = ? ORDER BY seq", (track_id,)
    ).fetchall()
    for kind, chapter, after, done, item_id, raw in rows:
        event = StudyEvent.model_validate_json(raw)
        assert (kind, chapter, after, done, item_id) == (
            event.kind, event.chapter, event.after_chapter, event.exercises_done, event.item_id
        )
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_another_schema_version_is_refused(tmp_path: Path) -> None:
    RunStore(tmp_path / "run.sqlite").close()
    db = sqlite3.connect(tmp_path / "run.sqlite")
    db.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    db.commit()
    db.close()
    with pytest.raises(RunStoreError, match=f"schema version 99, this selftaught reads version "
                                            f"{SCHEMA_VERSION}"):
        RunStore(tmp_path / "run.sqlite")


def test_a_file_that_is_not_a_run_store_is_refused(tmp_path: Path) -> None:
    (tmp_path / "junk.sqlite").write_text("this is not a database at all, not even close\n" * 20)
    with pytest.raises(RunStoreError, match="not a selftaught run store"):
        RunStore(tmp_path / "junk.sqlite")
    other = sqlite3.connect(tmp_path / "other.sqlite")
    other.execute("CREATE TABLE t (x)")
    other.commit()
    other.close()
    with pytest.raises(RunStoreError, match="no checkpoints, events, meta, tracks table"):
        RunStore(tmp_path / "other.sqlite")


def test_discard_incomplete_keeps_completed_steps(tmp_path: Path) -> None:
    store = RunStore(tmp_path / "run.sqlite")
    track_id = store.add_track(learner="x", book_id="b", book_hash="h", seed=0, control=False,
                               config={})
    grade = Grade(score=1.0, correct=True, feedback="")

    def probe(after: int) -> StudyEvent:
        return StudyEvent(kind="probe", chapter=1, after_chapter=after, item_id=f"p{after}",
                          grade=grade, costs=Costs(tokens_prompt=3))

    assert store.append_event(track_id, 0, probe(0)) == 0
    (tmp_path / "state").mkdir()
    store.complete_step(track_id, 0, tmp_path / "state", "0" * 64)
    store.append_event(track_id, 1, StudyEvent(kind="study", chapter=1))
    store.append_event(track_id, 1, probe(1))
    assert store.discard_incomplete(track_id) == 2
    assert store.events(track_id) == [probe(0)]
    assert store.append_event(track_id, 1, probe(1)) == 1  # seq continues without a gap
    checkpoint = store.last_checkpoint(track_id)
    assert checkpoint is not None and checkpoint.state_path == tmp_path / "state"
    with pytest.raises(RunStoreError, match="no track 42"):
        store.track(42)
