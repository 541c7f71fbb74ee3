"""kill -9 the real `selftaught study` mid-run, resume it, compare with an uninterrupted run.

The command runs in a subprocess (``slow_study_cli.py``: the real command plus
a test-only learner that sleeps inside ``answer``). The test polls the run
store until a given number of events is committed -- no sleep-and-hope --
sends SIGKILL, reruns with ``--resume`` and requires the event logs of all
tracks (learner and control) to equal an uninterrupted run's, measured seconds
aside: no duplicates, no lost events.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import TINY_BOOK
from helpers_study import comparable

from selftaught.study import RunStore

HARNESS = Path(__file__).parent / "slow_study_cli.py"
ARGS = ["study", str(TINY_BOOK), "--learner", "slow-memoriser", "--curve-every", "3"]
# events: learner track 18 + 3 x (1 + 6 + 3 x 6 curve + 18) = 144, control 18 + 3 x 42 = 144
TOTAL_EVENTS = 288


def study(run_dir: Path, *extra: str, delay: float = 0.0) -> subprocess.Popen[bytes]:
    env = {**os.environ, "SLOW_STUDY_DELAY": str(delay), "COLUMNS": "120"}
    return subprocess.Popen(
        [sys.executable, str(HARNESS), *ARGS, "--run-dir", str(run_dir), *extra],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )


def committed_events(store: Path) -> int:
    if not store.exists():
        return 0
    try:
        db = sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=1)
        try:
            return int(db.execute("SELECT COUNT(*) FROM events").fetchone()[0])
        finally:
            db.close()
    except sqlite3.OperationalError:  # schema not created yet
        return 0


def logs(store_path: Path) -> dict[int, list[dict[str, object]]]:
    with RunStore(store_path) as store:
        return {t.id: comparable(store.events(t.id)) for t in store.tracks()}


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> dict[int, list[dict[str, object]]]:
    run_dir = tmp_path_factory.mktemp("baseline")
    process = study(run_dir)
    out, _ = process.communicate(timeout=120)
    assert process.returncode == 0, out.decode()
    result = logs(run_dir / "run.sqlite")
    assert sum(len(events) for events in result.values()) == TOTAL_EVENTS
    return result


@pytest.mark.parametrize("kill_after", [5, 70, 200])
def test_kill_9_then_resume_equals_uninterrupted(
    kill_after: int, baseline: dict[int, list[dict[str, object]]], tmp_path: Path
) -> None:
    store = tmp_path / "run.sqlite"
    process = study(tmp_path, delay=0.02)
    deadline = time.monotonic() + 60
    while committed_events(store) < kill_after:
        assert process.poll() is None, "the run ended before it could be killed"
        assert time.monotonic() < deadline, "no progress within 60 s"
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL
    killed_at = committed_events(store)
    assert kill_after <= killed_at < TOTAL_EVENTS

    again = study(tmp_path)  # without --resume an existing run is refused
    out, _ = again.communicate(timeout=60)
    assert again.returncode == 2 and b"pass --resume" in out, out.decode()

    resumed = study(tmp_path, "--resume")
    out, _ = resumed.communicate(timeout=120)
    assert resumed.returncode == 0, out.decode()
    assert logs(store) == baseline
