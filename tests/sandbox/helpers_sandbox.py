"""Shared helpers for the sandbox tests: small limits and a leftover-process probe."""

from __future__ import annotations

import os
from pathlib import Path

from selftaught.sandbox import Limits, SandboxResult

SMALL = Limits(cpu_s=2, wall_s=8.0, memory_mb=256, nproc=16, file_mb=1, scratch_mb=8,
               output_kb=16)
"""Tight limits so each adversarial case ends in seconds."""


def processes_of_uid(uid: int) -> list[int]:
    """PIDs on the host whose real uid is ``uid`` (the sandbox's uid when run as root)."""
    pids = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            lines = status.read_text().splitlines()
        except (FileNotFoundError, ProcessLookupError):  # exited while we looked
            continue
        uid_line = next((ln for ln in lines if ln.startswith("Uid:")), "")
        if uid_line and int(uid_line.split()[1]) == uid:
            pids.append(int(status.parent.name))
    return pids


def assert_nothing_left(result: SandboxResult) -> None:
    """No process of the sandbox survives the run.

    As root (CI) each run has its own random uid, so its processes are exactly
    that uid's. As a normal user the code shares the user's uid; then the
    PID-namespace teardown is what guarantees it, and this check cannot tell.
    """
    if os.geteuid() == 0:
        assert processes_of_uid(int(result.extras["uid"])) == []
