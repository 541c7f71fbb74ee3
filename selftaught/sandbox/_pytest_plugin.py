"""pytest plugin that reports hidden-test outcomes from inside the sandbox.

Why it exists: the host must learn which hidden tests passed without trusting
anything the solution could write. The solution never runs in this process
(see `selftaught.sandbox._solution_bridge`), so this plugin only has to make
its report unforgeable from the outside: it reads a per-run key from a pipe
(then closes it; the key is never in a file or the environment) and sends
every record as ``HMAC-SHA256 JSON`` with a sequence number over a second
pipe. Printed "PASSED" lines, report files and anything the solution's process
writes count for nothing; the host verifies every line and the order of the
protocol: ``start``, ``collect_error``*, ``collected``, ``test``*, ``finish``.

Standard library and pytest only: selftaught is not importable inside the sandbox.
"""

import hashlib
import hmac
import json
import os
from collections.abc import Callable
from typing import Any


def _make_emitter() -> Callable[[dict[str, Any]], None]:
    """Read the key, then return a function that sends one signed record."""
    report_fd = int(os.environ.pop("SELFTAUGHT_REPORT_FD"))
    key_fd = int(os.environ.pop("SELFTAUGHT_SECRET_FD"))
    key = os.read(key_fd, 256)
    os.close(key_fd)
    seq = [0]

    def emit(record: dict[str, Any]) -> None:
        seq[0] += 1
        body = json.dumps({**record, "seq": seq[0]}, sort_keys=True)
        mac = hmac.new(key, body.encode(), hashlib.sha256).hexdigest()
        os.write(report_fd, f"{mac} {body}\n".encode())

    return emit


def _unconfigured(record: dict[str, Any]) -> None:
    raise RuntimeError("selftaught harness plugin used before pytest_configure")


_emit: Callable[[dict[str, Any]], None] = _unconfigured


def pytest_configure(config: Any) -> None:
    """Read the key and announce the run (before any test module is imported)."""
    del config
    global _emit
    _emit = _make_emitter()
    _emit({"event": "start"})


def pytest_collectreport(report: Any) -> None:
    """Report collection errors (e.g. the solution does not import)."""
    if report.failed:
        _emit({"event": "collect_error", "nodeid": report.nodeid,
               "message": str(report.longreprtext)[-2000:]})


def pytest_collection_finish(session: Any) -> None:
    """Report the collected test ids, so the host knows what must have a result."""
    _emit({"event": "collected", "nodeids": [item.nodeid for item in session.items]})


def pytest_runtest_logreport(report: Any) -> None:
    """Report each test phase's outcome (setup/teardown only when not passed)."""
    if report.when != "call" and report.passed:
        return
    message = ""
    if report.failed:
        message = str(report.longreprtext)[-1500:]
    elif report.skipped and isinstance(report.longrepr, tuple):
        message = str(report.longrepr[2])
    _emit({"event": "test", "nodeid": report.nodeid, "when": report.when,
           "outcome": report.outcome, "message": message})


def pytest_sessionfinish(session: Any, exitstatus: int) -> None:
    """Report the end of the run: without this record the host treats the run as cut short."""
    del session
    _emit({"event": "finish", "exitstatus": int(exitstatus)})
