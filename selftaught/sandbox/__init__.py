"""Sandboxed execution of model-written code (see `selftaught.sandbox.bwrap` for the threat model).

`run_python` runs code in a bubblewrap sandbox with resource limits (a memory
and pids cgroup for the whole sandbox, `selftaught.sandbox.cgroup`; rlimits per
process) and a seccomp filter (`selftaught.sandbox.seccomp`);
`run_pytest` runs hidden pytest tests against a solution in that sandbox (the
solution in its own process, called through a plain-data proxy) and returns
per-test outcomes read over a signed channel the solution cannot reach; the
hidden tests live only in the pytest process's memory, never in a file the
solution can open (see `selftaught.sandbox.pytest_harness`). Threat model and
figures: docs/reliability.md.
"""

from selftaught.sandbox.bwrap import (
    HARNESS_DIR,
    SCRATCH_DIR,
    Limits,
    SandboxError,
    SandboxResult,
    SandboxUnavailable,
    check_available,
    run_python,
)
from selftaught.sandbox.pytest_harness import (
    HiddenTestsError,
    PytestRun,
    TestOutcome,
    expected_tests,
    run_pytest,
    sha256_text,
)

__all__ = [
    "HARNESS_DIR",
    "SCRATCH_DIR",
    "HiddenTestsError",
    "Limits",
    "PytestRun",
    "SandboxError",
    "SandboxResult",
    "SandboxUnavailable",
    "TestOutcome",
    "check_available",
    "expected_tests",
    "run_pytest",
    "run_python",
    "sha256_text",
]
