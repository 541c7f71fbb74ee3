"""Each attack of the adversarial sandbox suite, once: how it ended, in what time, at what memory.

The attacks are the ones `tests/sandbox/test_containment.py` asserts on (the
code strings are imported from there, so the figures are of exactly what CI
runs): 1 GiB held in memfds with ``memory_mb=256``; three processes holding
96 MiB each under a 72 MiB sandbox; a nested user namespace with a 1 GiB
tmpfs; a solution that hunts for the hidden tests to return their expected
values; and, for contrast, the memfd attack with the cgroup turned off
(``SELFTAUGHT_SANDBOX_CGROUP=off``, run in a child process), which is what
rlimits alone allow.

Run:  .venv/bin/python benchmarks/sandbox_attacks.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Annotated, Any

import typer
from _common import RESULTS_DIR, Report, finish, load_note

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from selftaught.sandbox import Limits, run_python
from selftaught.sandbox.cgroup import placement
from selftaught.sandbox.pytest_harness import run_pytest, sha256_text
from tests.sandbox.test_containment import CHEAT, MEMFD_HOLD, NESTED_NAMESPACE, TESTS

BIG = Limits(cpu_s=5, wall_s=20.0, memory_mb=256, nproc=16, file_mb=16, scratch_mb=8)
SMALL = Limits(cpu_s=5, wall_s=20.0, memory_mb=64, nproc=16, file_mb=16, scratch_mb=8)
THREE = ("import os, time\nchildren = [pid for pid in (os.fork(), os.fork()) if pid]\n"
         + MEMFD_HOLD.format(mib=96) + "time.sleep(1)\nfor _ in children:\n    os.wait()\n")
_UNCONTAINED = """
import json, sys
from selftaught.sandbox import Limits, run_python
limits = Limits(cpu_s=5, wall_s=20.0, memory_mb=256, nproc=16, file_mb=16, scratch_mb=8)
r = run_python({"main.py": sys.argv[1]}, ["main.py"], limits=limits)
print(json.dumps({"ok": r.ok, "reason": r.reason, "stdout": r.stdout, "wall_s": r.wall_s}))
"""


def _row(attack: str, limits: Limits, start: float, ok: bool, reason: str | None,
         peak: str | None, contained: bool) -> dict[str, Any]:
    return {"attack": attack, "limit_mib": limits.memory_mb + limits.scratch_mb,
            "contained": contained, "ended_as": "passed" if ok else "failed",
            "reason": reason or "", "peak_memory_mib": peak or "",
            "seconds": round(time.perf_counter() - start, 2)}


def run() -> Report:
    rows = []
    for attack, code, limits in [("memfd 1 GiB, memory_mb=256", MEMFD_HOLD.format(mib=1024), BIG),
                                 ("3 processes x 96 MiB memfd, memory_mb=64", THREE, SMALL),
                                 ("nested userns + 1 GiB tmpfs", NESTED_NAMESPACE, SMALL)]:
        start = time.perf_counter()
        result = run_python({"main.py": code}, ["main.py"], limits=limits)
        contained = "held 1024" not in result.stdout and result.stdout.count("held") < 3 and \
            "MOUNTED" not in result.stdout and "UNSHARED" not in result.stdout
        rows.append(_row(attack, limits, start, result.ok, result.reason,
                         result.extras.get("peak_memory_mb"), contained and not result.ok))
    start = time.perf_counter()
    graded = run_pytest(TESTS, sha256_text(TESTS), CHEAT, limits=Limits(memory_mb=1024))
    rows.append(_row("solution reads the hidden tests", Limits(memory_mb=1024), start,
                     graded.passed > 0, f"{graded.passed}/{graded.total} hidden tests passed",
                     None, graded.passed == 0))
    start = time.perf_counter()
    child = subprocess.run([sys.executable, "-c", _UNCONTAINED, MEMFD_HOLD.format(mib=1024)],
                           capture_output=True, text=True, check=True, timeout=120,
                           env={**os.environ, "SELFTAUGHT_SANDBOX_CGROUP": "off"})
    got = json.loads(child.stdout.strip().splitlines()[-1])
    rows.append(_row("memfd 1 GiB with SELFTAUGHT_SANDBOX_CGROUP=off (rlimits only)", BIG,
                     start, got["ok"], got["reason"] or got["stdout"].strip(), None,
                     "held 1024" not in got["stdout"]))
    return Report(
        name="sandbox_attacks", rows=rows,
        columns=["attack", "limit_mib", "contained", "ended_as", "reason", "peak_memory_mib",
                 "seconds"],
        config={"cgroup": placement().kind},
        summary={"contained": sum(r["contained"] for r in rows[:-1]), "attacks": len(rows) - 1},
        notes=[load_note(), "the last row is the documented fallback, for contrast: "
               "without a cgroup the memfd attack is not contained"],
    )


def main(results_dir: Annotated[Path, typer.Option(help="Where to write sandbox_attacks.json.")
                                ] = RESULTS_DIR) -> None:
    """Run each sandbox attack once and write benchmarks/results/sandbox_attacks.json."""
    finish(run(), results_dir)


if __name__ == "__main__":
    typer.run(main)
