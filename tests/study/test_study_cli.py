"""`selftaught study`: smoke runs through the real CLI app, and its one-line input errors."""

from __future__ import annotations

import fcntl
import sqlite3
from pathlib import Path

import pytest
from helpers_study import TINY_BOOK
from typer.testing import CliRunner

from selftaught.cli.main import app
from selftaught.study import RunStore

runner = CliRunner()


def study(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["study", *args], env={"COLUMNS": "160"})
    return result.exit_code, result.output


def test_smoke_two_chapters_of_a_file(tmp_path: Path) -> None:
    code, out = study(str(TINY_BOOK), "--learner", "diligent", "--chapters", "2",
                      "--curve-every", "3", "--run-dir", str(tmp_path))
    assert code == 0, out
    assert "diligent, seed 0: accuracy R[i][j]" in out
    assert "after ch2" in out and "after ch3" not in out
    assert "gain/controlled" in out and "transfer/backward" in out
    with RunStore(tmp_path / "run.sqlite") as store:
        tracks = store.tracks()
        assert [(t.control, t.status) for t in tracks] == [(False, "done"), (True, "done")]
        assert all(t.config["chapters"] == 2 for t in tracks)
    assert (tmp_path / "state" / "track_1" / "step_2" / "learner.json").is_file()


@pytest.mark.parametrize("domain", ["language", "arithmetic"])
def test_smoke_generated_books_over_seeds(domain: str, tmp_path: Path) -> None:
    code, out = study(domain, "--learner", "forgetful", "--seeds", "2", "--chapters", "2",
                      "--run-dir", str(tmp_path))
    assert code == 0, out
    assert "seed 1: accuracy" in out and "95% CI" in out
    with RunStore(tmp_path / "run.sqlite") as store:
        tracks = store.tracks()
    assert len(tracks) == 4
    assert len({t.book_hash for t in tracks}) == 2  # one fresh textbook per seed
    assert [t.seed for t in tracks] == [0, 0, 1, 1]


def test_many_seeds_print_the_mean_matrix_and_no_control_no_card(tmp_path: Path) -> None:
    code, out = study(str(TINY_BOOK), "--learner", "random", "--seeds", "4", "--chapters", "1",
                      "--no-control", "--run-dir", str(tmp_path))
    assert code == 0, out
    assert "mean of 4 seeds" in out
    assert "no metric card" in out


def test_default_run_dir_is_under_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out = study(str(TINY_BOOK), "--learner", "oracle", "--chapters", "1")
    assert code == 0, out
    [store] = list((tmp_path / "runs").glob("*-oracle/run.sqlite"))
    assert (store.parent / "state").is_dir()


def one_error_line(code: int, out: str) -> str:
    assert code == 2, out
    lines = [line for line in out.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in out, out
    return lines[0]


def test_missing_book(tmp_path: Path) -> None:
    line = one_error_line(*study(str(tmp_path / "nope.yaml"), "--learner", "oracle"))
    assert "no such file, and not a generator domain" in line and "language" in line


def test_unknown_learner() -> None:
    line = one_error_line(*study(str(TINY_BOOK), "--learner", "oracel"))
    assert "unknown learner 'oracel'" in line and "memoriser" in line


def test_invalid_book(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(TINY_BOOK.read_text().replace('"vocab"', '"vocab", "colour": 1', 1))
    line = one_error_line(*study(str(bad), "--learner", "oracle", "--run-dir",
                                 str(tmp_path / "run")))
    assert "bad.json" in line and "colour" in line
    assert not (tmp_path / "run").exists()  # bad input touches nothing


def test_run_dir_reuse_needs_resume_with_the_same_options(tmp_path: Path) -> None:
    args = [str(TINY_BOOK), "--learner", "oracle", "--chapters", "1", "--run-dir", str(tmp_path)]
    assert study(*args)[0] == 0
    assert "pass --resume" in one_error_line(*study(*args))
    code, out = study(*args, "--resume")  # a finished run resumes to the same report
    assert code == 0 and "gain/controlled" in out, out
    line = one_error_line(*study(*args[:-4], "--chapters", "2", "--run-dir", str(tmp_path),
                                 "--resume"))
    assert "started with other options" in line and "chapters: 1 -> 2" in line
    line = one_error_line(*study(*args[:-2], "--run-dir", str(tmp_path / "empty"), "--resume"))
    assert "no run to resume" in line and not (tmp_path / "empty").exists()


def test_chapters_beyond_the_book(tmp_path: Path) -> None:
    line = one_error_line(*study(str(TINY_BOOK), "--learner", "oracle", "--chapters", "9",
                                 "--run-dir", str(tmp_path)))
    assert "has only 3 chapters" in line


def test_a_run_dir_in_use_is_refused(tmp_path: Path) -> None:
    (tmp_path / "run.lock").touch()
    with open(tmp_path / "run.lock") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        line = one_error_line(*study(str(TINY_BOOK), "--learner", "oracle", "--run-dir",
                                     str(tmp_path)))
    assert "in use by another" in line
    assert not (tmp_path / "run.sqlite").exists()


def test_a_corrupt_checkpoint_is_one_clear_line(tmp_path: Path) -> None:
    args = [str(TINY_BOOK), "--learner", "memoriser", "--chapters", "2", "--run-dir",
            str(tmp_path)]
    assert study(*args)[0] == 0
    db = sqlite3.connect(tmp_path / "run.sqlite")  # make track 1 look killed in chapter 2
    db.execute("DELETE FROM checkpoints WHERE track_id = 1 AND step = 2")
    db.execute("UPDATE tracks SET status = 'running' WHERE id = 1")
    db.commit()
    db.close()
    (tmp_path / "state" / "track_1" / "step_1" / "learner.json").write_text("{truncated")
    line = one_error_line(*study(*args, "--resume"))
    # caught by the checkpoint's manifest before the learner's own load() sees it
    assert "step_1/learner.json: 10 bytes, the manifest says" in line
    assert "checkpoint of step 1 of track 1" in line


def test_learner_options_are_checked_before_anything_is_written(tmp_path: Path) -> None:
    run = str(tmp_path / "run")
    line = one_error_line(*study("language", "--learner", "oracle", "-o", "temperature=0.5",
                                 "--run-dir", run))
    assert "learner 'oracle' takes no options (got: temperature)" in line
    line = one_error_line(*study("language", "--learner", "oracle", "-o", "temperature",
                                 "--run-dir", run))
    assert "expected KEY=VALUE" in line
    assert not (tmp_path / "run").exists()
