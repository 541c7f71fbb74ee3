"""A damaged run store or checkpoint is one clear error naming the file, never a silent
divergence: ``--resume`` after any corruption either matches an uninterrupted run or refuses.

Faults injected: flipped bytes in a checkpoint's learner state (a scripted learner's saved
random state; the check is the same sha256 manifest for any learner, LoRA adapters
included), a replaced manifest, a truncated store file, a dropped table, garbage JSON in
an event row and in a track's config, a full disk (SQLite's ``max_page_count``), and
``report`` on an empty file (must stay empty).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from helpers_study import TINY_BOOK
from typer.testing import CliRunner

from selftaught.cli.main import app
from selftaught.study import RunStore, RunStoreError
from selftaught.types import StudyEvent

runner = CliRunner()


def cli(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    return result.exit_code, result.output


def one_error_line(code: int, out: str) -> str:
    assert code == 2, out
    lines = [line for line in out.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in out, out
    return lines[0]


def killed_run(directory: Path, learner: str = "random") -> list[str]:
    """A 3-chapter study of ``learner``, then made to look killed during chapter 2 of
    track 1 (its step-2 checkpoint removed): ``--resume`` must load step 1's state."""
    args = [str(TINY_BOOK), "--learner", learner, "--run-dir", str(directory)]
    code, out = cli("study", *args)
    assert code == 0, out
    db = sqlite3.connect(directory / "run.sqlite")
    db.execute("DELETE FROM checkpoints WHERE track_id = 1 AND step >= 2")
    db.execute("UPDATE tracks SET status = 'running' WHERE id = 1")
    db.commit()
    db.close()
    return args


def event_counts(directory: Path) -> list[tuple[int, int]]:
    with sqlite3.connect(directory / "run.sqlite") as db:
        return db.execute("SELECT track_id, COUNT(*) FROM events GROUP BY track_id").fetchall()


def events_json(directory: Path, track: int = 1) -> list[dict[str, object]]:
    with RunStore(directory / "run.sqlite", readonly=True) as store:
        return [e.model_dump(exclude={"costs": {"seconds"}}) for e in store.events(track)]


def test_an_intact_resume_matches_the_uninterrupted_run(tmp_path: Path) -> None:
    """The control for the corruption tests: the same kill, no damage, identical events."""
    full = tmp_path / "full"
    assert cli("study", str(TINY_BOOK), "--learner", "random", "--run-dir", str(full))[0] == 0
    args = killed_run(tmp_path / "killed")
    code, out = cli("study", *args, "--resume")
    assert code == 0, out
    assert events_json(tmp_path / "killed") == events_json(full)


@pytest.mark.parametrize("flips", [1, 64])
def test_flipped_bytes_in_a_saved_random_state_refuse_the_resume(
    tmp_path: Path, flips: int
) -> None:
    args = killed_run(tmp_path)
    state = tmp_path / "state" / "track_1" / "step_1" / "learner.json"
    data = bytearray(state.read_bytes())
    rng_at = data.index(b'"rng"')
    for k in range(flips):  # inside the random state: a digit becomes another digit
        i = next(j for j in range(rng_at + 10 + 7 * k, len(data)) if chr(data[j]).isdigit())
        data[i] = ord("0") + (data[i] - ord("0") + 1) % 10
    state.write_bytes(bytes(data))
    json.loads(data)  # still valid JSON: only the checksum can tell
    before = event_counts(tmp_path)
    line = one_error_line(*cli("study", *args, "--resume"))
    assert f"{state}: checksum mismatch" in line
    assert "checkpoint of step 1 of track 1" in line and "new --run-dir" in line
    assert event_counts(tmp_path) == before  # refused before any event was touched


def test_a_replaced_manifest_refuses_the_resume(tmp_path: Path) -> None:
    args = killed_run(tmp_path)
    manifest = tmp_path / "state" / "track_1" / "step_1" / "MANIFEST.json"
    manifest.write_text(manifest.read_text().replace('"step": 1', '"step": 9'))
    line = one_error_line(*cli("study", *args, "--resume"))
    assert f"{manifest}: checksum differs from the one recorded" in line


def test_a_missing_state_file_refuses_the_resume(tmp_path: Path) -> None:
    args = killed_run(tmp_path)
    state = tmp_path / "state" / "track_1" / "step_1" / "learner.json"
    state.unlink()
    line = one_error_line(*cli("study", *args, "--resume"))
    assert f"{state}: missing" in line


def test_a_truncated_store_is_one_line(tmp_path: Path) -> None:
    args = killed_run(tmp_path)
    store = tmp_path / "run.sqlite"
    with sqlite3.connect(store) as db:  # fold the WAL in, so the file holds everything
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = store.read_bytes()
    store.write_bytes(data[: len(data) // 2])
    for command in (["study", *args, "--resume"], ["report", str(tmp_path)]):
        line = one_error_line(*cli(*command))
        assert str(store) in line and ("damaged" in line or "malformed" in line), line


def test_a_dropped_table_is_one_line(tmp_path: Path) -> None:
    args = killed_run(tmp_path)
    with sqlite3.connect(tmp_path / "run.sqlite") as db:
        db.execute("DROP TABLE checkpoints")
    line = one_error_line(*cli("study", *args, "--resume"))
    assert "not a selftaught run store (no checkpoints table)" in line


def test_garbage_json_in_an_event_row_is_one_line(tmp_path: Path) -> None:
    args = killed_run(tmp_path)
    with sqlite3.connect(tmp_path / "run.sqlite") as db:
        db.execute("UPDATE events SET event_json = '{not json' WHERE track_id = 2 AND seq = 3")
    for command in (["report", str(tmp_path)], ["study", *args, "--resume"]):
        line = one_error_line(*cli(*command))
        assert "event 3 of track 2 is damaged" in line, line


def test_an_edited_event_row_that_still_parses_is_refused(tmp_path: Path) -> None:
    """A consistent edit (valid JSON, a flipped grade) must not silently change the run."""
    args = killed_run(tmp_path)
    with sqlite3.connect(tmp_path / "run.sqlite") as db:
        (text,) = db.execute("SELECT event_json FROM events WHERE track_id = 2 AND seq = 1"
                             ).fetchone()
        event = json.loads(text)
        event["chapter"] = event["chapter"] + 1
        db.execute("UPDATE events SET event_json = ? WHERE track_id = 2 AND seq = 1",
                   (json.dumps(event),))
    for command in (["report", str(tmp_path)], ["study", *args, "--resume"]):
        line = one_error_line(*cli(*command))
        assert "event 1 of track 2 is damaged (it does not match its checksum" in line, line


def test_garbage_json_in_a_track_config_is_one_line(tmp_path: Path) -> None:
    killed_run(tmp_path)
    with sqlite3.connect(tmp_path / "run.sqlite") as db:
        db.execute("UPDATE tracks SET config_json = 'nope' WHERE id = 1")
    line = one_error_line(*cli("report", str(tmp_path)))
    assert "the config of track 1 is damaged" in line


def test_a_full_disk_is_one_store_error_and_keeps_what_was_committed(tmp_path: Path) -> None:
    store = RunStore(tmp_path / "run.sqlite")
    track = store.add_track(learner="x", book_id="b", book_hash="h", seed=0, control=False,
                            config={})
    event = StudyEvent(kind="study", chapter=1, response="y" * 2000)
    store.append_event(track, 1, event)
    pages = store._db.execute("PRAGMA page_count").fetchone()[0]
    store._db.execute(f"PRAGMA max_page_count = {pages + 2}")  # the disk is now "full"
    with pytest.raises(RunStoreError, match=r"database or disk is full \(free disk space"):
        for _ in range(50):
            store.append_event(track, 1, event)
    kept = store.event_count(track)
    store.close()
    with RunStore(tmp_path / "run.sqlite", readonly=True) as again:
        assert again.event_count(track) == kept >= 1  # committed events survive, store opens


def test_report_on_an_empty_file_leaves_it_empty(tmp_path: Path) -> None:
    empty = tmp_path / "run.sqlite"
    empty.write_bytes(b"")
    line = one_error_line(*cli("report", str(empty)))
    assert "empty, not a selftaught run store" in line
    assert empty.read_bytes() == b""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run.sqlite"]


@pytest.mark.slow
def test_flipped_bytes_in_a_lora_checkpoint_refuse_the_resume(tmp_path: Path) -> None:
    """The reported case: 64 flipped bytes in a `selftaught run` LoRA checkpoint used to
    resume with exit 0 and different events. (tiny-random model, about 20 s.)"""
    args = ["run", "--quick", "--model", "tiny-random", "--learners", "lora", "--option",
            "study_steps=2", "--run-dir", str(tmp_path)]
    code, out = cli(*args)
    assert code == 0, out
    with RunStore(tmp_path / "run.sqlite", readonly=True) as store:
        lora = next(t.id for t in store.tracks() if t.learner == "lora")
    db = sqlite3.connect(tmp_path / "run.sqlite")
    db.execute(f"DELETE FROM checkpoints WHERE track_id = {lora} AND step = 2")
    db.execute(f"UPDATE tracks SET status = 'running' WHERE id = {lora}")
    db.commit()
    db.close()
    adapter = next((tmp_path / "state" / f"track_{lora}" / "step_1").rglob("*.safetensors"))
    data = bytearray(adapter.read_bytes())
    for k in range(64):
        data[len(data) - 1 - 7 * k] ^= 0xFF  # the tensor bytes at the end of the file
    adapter.write_bytes(bytes(data))
    line = one_error_line(*cli(*args, "--resume"))
    assert f"{adapter}: checksum mismatch" in line
