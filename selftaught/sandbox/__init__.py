"""Sandboxed execution of model-written code (see `selftaught.sandbox.bwrap` for the threat model).

`run_python` runs code in a bubblewrap sandbox with resource limits;
`run_pytest` runs hidden pytest tests against a solution in that sandbox and
returns per-test outcomes read over a channel the solution cannot forge by
writing files.
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

__all__ = [
    "HARNESS_DIR",
    "SCRATCH_DIR",
    "Limits",
    "SandboxError",
    "SandboxResult",
    "SandboxUnavailable",
    "check_available",
    "run_python",
]
