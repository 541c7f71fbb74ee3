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
import slow_study_cli
from helpers_study import TINY_BOOK, comparable
from typer.testing import CliRunner

from selftaught.study import RunStore

HARNESS = Path(__file__).parent / "slow_study_cli.py"
ARGS = ["study", str(TINY_BOOK), "--learner", "slow-memoriser", "--curve-every", "3"]
# events: learner track 18 pre-test + 3 chapters x (1 study + 6 practice + 3 curve passes x 6
# + 18 probes) = 147; control the same without study events = 144
TOTAL_EVENTS = 291


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
    """The uninterrupted run, in-process (same command, same learner, no delay)."""
    run_dir = tmp_path_factory.mktemp("baseline")
    result = CliRunner().invoke(slow_study_cli.app, [*ARGS, "--run-dir", str(run_dir)])
    assert result.exit_code == 0, result.output
    result = logs(run_dir / "run.sqlite")
    assert sum(len(events) for events in result.values()) == TOTAL_EVENTS
    return result


def kill_when(process: subprocess.Popen[bytes], store: Path, events: int) -> int:
    """SIGKILL ``process`` once ``store`` holds ``events`` committed events; returns the count."""
    deadline = time.monotonic() + 60
    while committed_events(store) < events:
        assert process.poll() is None, "the run ended before it could be killed"
        assert time.monotonic() < deadline, "no progress within 60 s"
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL
    return committed_events(store)


def test_kill_9_three_times_then_resume_equals_uninterrupted(
    baseline: dict[int, list[dict[str, object]]], tmp_path: Path
) -> None:
    """Killed in the pre-test, mid-chapter of the learner track, then in the control track;
    each kill hits a process that was itself resumed (except the first)."""
    store = tmp_path / "run.sqlite"
    kills = []
    for n, kill_after in enumerate([5, 70, 200]):
        extra = ("--resume",) if n else ()
        kills.append(kill_when(study(tmp_path, *extra, delay=0.02), store, kill_after))
        assert kill_after <= kills[-1] < TOTAL_EVENTS
    # the last resume runs in-process: the same command, one process start less
    result = CliRunner().invoke(slow_study_cli.app, [*ARGS, "--run-dir", str(tmp_path),
                                                     "--resume"])
    assert result.exit_code == 0, result.output
    assert logs(store) == baseline
