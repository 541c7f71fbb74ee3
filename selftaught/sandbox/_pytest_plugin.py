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

It also holds the hidden tests. They are not in any file the solution's
process could open: the host hands them over in an anonymous in-memory file
(``$SELFTAUGHT_TESTS_FD``), which this plugin reads and closes before any
test module is imported (so before the solution's process exists), and an
import hook serves the test module from that source, assertion rewriting
included. ``/harness/test_hidden.py`` on disk is a placeholder naming the
module for pytest to collect.

Standard library and pytest only: selftaught is not importable inside the sandbox.
"""

import ast
import hashlib
import hmac
import importlib.abc
import importlib.machinery
import importlib.util
import json
import linecache
import os
import types
from collections.abc import Callable, Sequence
from typing import Any

from _pytest.assertion.rewrite import rewrite_asserts

TESTS_FD_ENV = "SELFTAUGHT_TESTS_FD"
TEST_MODULE = "test_hidden"
TEST_PATH = "/harness/test_hidden.py"


class _HiddenTests(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Serves the ``test_hidden`` module from source held in this process's memory only."""

    def __init__(self, source: bytes, config: Any) -> None:
        self.source, self.config = source, config

    def find_spec(self, fullname: str, path: Sequence[str] | None,
                  target: types.ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        del path, target
        if fullname != TEST_MODULE:
            return None
        return importlib.util.spec_from_file_location(fullname, TEST_PATH, loader=self)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> None:
        del spec  # the default module object

    def exec_module(self, module: types.ModuleType) -> None:
        tree = ast.parse(self.source, TEST_PATH)
        rewrite_asserts(tree, self.source, TEST_PATH, self.config)
        text = self.source.decode("utf-8")
        # tracebacks and assertion messages quote the test lines from linecache
        linecache.cache[TEST_PATH] = (len(text), None, text.splitlines(True), TEST_PATH)
        exec(compile(tree, TEST_PATH, "exec", dont_inherit=True), module.__dict__)


def _take_tests(config: Any) -> None:
    """Read the hidden tests from their in-memory file, close it, and install the hook."""
    import sys

    fd = int(os.environ.pop(TESTS_FD_ENV))
    with os.fdopen(fd, "rb") as source:
        tests = source.read()
    sys.meta_path.insert(0, _HiddenTests(tests, config))


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
    """Read the key and the tests, and announce the run (before any test module is imported)."""
    global _emit
    _emit = _make_emitter()
    _take_tests(config)
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
