"""kill -9 a real `selftaught study` day midway: the previous day stays current, a rerun redoes it.

The day to kill runs in a subprocess (``slow_days_cli.py``: the real commands
plus a test-only learner that blocks inside ``answer`` or ``save`` after writing
a marker file); the test waits for the marker, sends SIGKILL, checks that day 1
is still current and intact, reruns the same command (in-process, through the
same harness app) and checks day 2.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import slow_days_cli
from typer.testing import CliRunner

HARNESS = Path(__file__).parent / "slow_days_cli.py"
BOOK = Path(__file__).parents[1] / "study" / "data" / "tiny_book.json"


def command(home: Path, *args: str, hold: str | None = None,
            marker: Path | None = None) -> subprocess.Popen[bytes]:
    env = {**os.environ, "COLUMNS": "160", "HOLD_IN": hold or "",
           "HOLD_MARKER": str(marker or "")}
    return subprocess.Popen([sys.executable, str(HARNESS), *args, "--home", str(home)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def run(home: Path, *args: str) -> str:
    """The same harness app, in-process (no hold)."""
    result = CliRunner().invoke(slow_days_cli.app, [*args, "--home", str(home)],
                                env={"COLUMNS": "160", "HOLD_IN": ""})
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("hold", ["answer", "save"])
def test_kill_9_midway_keeps_day_1_and_a_rerun_redoes_day_2(tmp_path: Path, hold: str) -> None:
    home = tmp_path / "learners"
    run(home, "learner", "new", "ada", "--kind", "held-diligent")
    day = ["study", str(BOOK), "--learner", "ada"]
    run(home, *day, "--chapters", "1")
    record_path = home / "ada" / "learner.json"
    day_1 = record_path.read_bytes()

    marker = tmp_path / "held"
    process = command(home, *day, "--chapters", "2-3", hold=hold, marker=marker)
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert process.poll() is None, process.communicate()[0].decode()
        assert time.monotonic() < deadline, "the day never reached the hold point"
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)

    assert record_path.read_bytes() == day_1
    left = sorted(p.name for p in (home / "ada" / "days").iterdir() if p.name != "1")
    if hold == "answer":
        assert left == []
    else:  # the half-made day, never renamed into place
        assert len(left) == 1 and left[0].startswith(".day_2.")
        assert (home / "ada" / "days" / left[0] / "learner.json").is_file()
    assert (home / "ada" / "days" / "1" / "MANIFEST.json").is_file()

    out = run(home, *day, "--chapters", "2-3")
    assert "day 2 saved" in out
    record = json.loads(record_path.read_text())
    assert record["current_day"] == 2 and record["set_aside"] == []
    assert record["days"][1]["probe_acc"] == {"1": 1.0, "2": 1.0, "3": 1.0}
    assert sorted(p.name for p in (home / "ada" / "days").iterdir()) == ["1", "2"]
    assert "every file matches its manifest" in run(home, "learner", "show", "ada")
