"""A consistently edited ``learner.json`` (valid, but with its days removed) must not
silently restart the learner from scratch: a committed day beyond the recorded current
day is refused with one line; a real rollback and a killed, uncommitted day still work."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from selftaught.cli.main import app

runner = CliRunner()
TINY_BOOK = Path(__file__).parents[1] / "study" / "data" / "tiny_book.json"


def cli(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    return result.exit_code, result.output


def day1(home: Path) -> Path:
    assert cli("learner", "new", "ada", "--kind", "diligent", "--home", str(home))[0] == 0
    code, out = cli("study", str(TINY_BOOK), "--learner", "ada", "--chapters", "1-1",
                    "--home", str(home))
    assert code == 0, out
    assert (home / "ada" / "days" / "1" / "COMMITTED").is_file()
    return home / "ada" / "learner.json"


def test_an_edited_record_without_days_is_refused(tmp_path: Path) -> None:
    path = day1(tmp_path)
    raw = json.loads(path.read_text())
    path.write_text(json.dumps({**raw, "current_day": 0, "days": []}))
    code, out = cli("study", str(TINY_BOOK), "--learner", "ada", "--chapters", "1-1",
                    "--home", str(tmp_path))
    lines = [line for line in out.splitlines() if line.strip()]
    assert code == 2 and len(lines) == 1 and "Traceback" not in out, out
    assert "records current day 0, but day 1 was committed" in lines[0]
    assert (tmp_path / "ada" / "days" / "1").is_dir()  # the day was not moved aside


def test_a_rollback_to_day_0_then_studying_again_works(tmp_path: Path) -> None:
    day1(tmp_path)
    code, out = cli("learner", "rollback", "ada", "--to-day", "0", "--home", str(tmp_path))
    assert code == 0, out
    code, out = cli("study", str(TINY_BOOK), "--learner", "ada", "--chapters", "1-1",
                    "--home", str(tmp_path))
    assert code == 0, out


def test_an_uncommitted_day_is_still_set_aside(tmp_path: Path) -> None:
    """Killed after the day's directory was renamed into place, before learner.json: the
    directory has no COMMITTED mark, so it is an attempt, set aside as before."""
    path = day1(tmp_path)
    raw = json.loads(path.read_text())
    (tmp_path / "ada" / "days" / "1" / "COMMITTED").unlink()
    path.write_text(json.dumps({**raw, "current_day": 0, "days": []}))
    code, out = cli("study", str(TINY_BOOK), "--learner", "ada", "--chapters", "1-1",
                    "--home", str(tmp_path))
    assert code == 0, out
    assert json.loads(path.read_text())["set_aside"][0]["reason"] == "uncommitted"
