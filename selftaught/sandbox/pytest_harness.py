"""Run hidden pytest tests against a solution inside the sandbox, and read back trusted results.

Why a harness and not just ``pytest --junitxml``: if the solution ran in the
pytest process it could rewrite pytest, the tests or the report in memory. So:

* the solution runs in its **own process** and the tests reach it through a
  proxy that passes plain data only (`selftaught.sandbox._solution_bridge`);
  the pytest process is non-dumpable, so the solution's process cannot ptrace
  it or touch its memory;
* the **hidden tests are held by the pytest process only**: they come in an
  anonymous in-memory file that the plugin reads and closes before the
  solution's process is started, so no file the solution can open holds them
  (``/harness/test_hidden.py`` is a placeholder) and the pytest process's
  memory is closed to it (non-dumpable);
* the plugin, the proxy and the book's files are mounted **read-only**; the
  tests are verified by sha256 before the run;
  conftest files are disabled and the solution's directory is not on pytest's
  import path;
* outcomes come back as **HMAC-signed records over a pipe** (see
  `selftaught.sandbox._pytest_plugin`), checked for the protocol's order;
* every test the hidden source defines must report a result: a run that ends
  early (a limit, a crash) fails the tests that did not report, with the reason.

Layout inside the sandbox: ``/harness/test_hidden.py`` (a placeholder the
hidden tests are served under),
``/harness/selftaught_harness.py`` (the plugin), ``/harness/solution.py`` (the
proxy stub), ``/harness/files/<files>`` (the book's files, importable by name
in both processes), ``/scratch/solution.py`` (the real solution; the
solution's process runs in ``/scratch``).
"""

from __future__ import annotations

import ast
import hashlib
import hmac
import json
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from selftaught.sandbox import _solution_bridge
from selftaught.sandbox.bwrap import Limits, SandboxResult, run_python

TEST_FILE = "test_hidden.py"
"""Name of the hidden test module inside the sandbox (``/harness/test_hidden.py``)."""
PLUGIN_MODULE = "selftaught_harness"
BRIDGE_MODULE = "selftaught_bridge"
SOLUTION_FILE = "solution.py"
"""The module the tests import (``from solution import solve``)."""
TESTS_FD_ENV = "SELFTAUGHT_TESTS_FD"
"""Env var naming the in-memory file the plugin reads the hidden tests from."""
PLACEHOLDER = ("# The hidden tests are not in this file: the harness process holds them in\n"
               "# memory only, so the solution under test cannot read them.\n")
_PLUGIN_SOURCE_PATH = Path(__file__).with_name("_pytest_plugin.py")
_BRIDGE_SOURCE_PATH = Path(_solution_bridge.__file__)


_DISABLED_PLUGINS = ("cacheprovider", "doctest", "junitxml", "pastebin", "stepwise",
                     "logging", "faulthandler", "legacypath", "debugging", "warnings")
"""Built-in pytest plugins the harness does not need: less start-up time per grade,
nothing written to disk, no interactive debugger."""
_BAD_EXIT = {
    2: "interrupted (did the solution raise KeyboardInterrupt or exit?)",
    3: "internal error (did the solution call sys.exit or break pytest?)",
    4: "usage error",
}


class HiddenTestsError(ValueError):
    """The hidden tests are unusable: hash mismatch, syntax error, or no tests in them."""


@dataclass(frozen=True)
class TestOutcome:
    """The verdict on one test (one parametrised case)."""

    __test__ = False  # not a pytest test class, despite the name

    nodeid: str
    """e.g. ``test_hidden.py::test_rotates`` or ``test_hidden.py::test_cases[2]``."""
    outcome: str
    """``passed`` | ``failed`` | ``skipped`` (an error in setup/teardown counts as failed)."""
    message: str = ""
    """Short failure text (assertion output), or why the test did not run."""


@dataclass(frozen=True)
class PytestRun:
    """Everything a checker needs to grade one run of hidden tests."""

    tests: list[TestOutcome]
    sandbox: SandboxResult
    collect_errors: list[str] = field(default_factory=list)
    tampering: list[str] = field(default_factory=list)
    """Tampering detected (forged records, patched pytest, changed test file, ...)."""
    finished: bool = False
    """True when pytest reached the end of its session."""
    problem: str | None = None
    """One line on why the run is not trustworthy or complete; None for a clean run."""

    @property
    def passed(self) -> int:
        return sum(t.outcome == "passed" for t in self.tests)

    @property
    def total(self) -> int:
        return len(self.tests)


def sha256_text(text: str) -> str:
    """The hash a `CheckerSpec.tests_sha256` must hold for ``text``."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def expected_tests(tests_source: str) -> list[str]:
    """Test names the hidden source defines: ``test_x`` and ``TestK::test_y``.

    >>> expected_tests("def test_a(): pass\\nclass TestB:\\n    def test_c(self): pass\\n")
    ['test_a', 'TestB::test_c']
    """
    try:
        tree = ast.parse(tests_source)
    except SyntaxError as exc:
        raise HiddenTestsError(f"hidden tests do not parse: line {exc.lineno}: {exc.msg}") from exc
    names: list[str] = []
    functions = ast.FunctionDef | ast.AsyncFunctionDef
    for node in tree.body:
        if isinstance(node, functions) and node.name.startswith("test"):
            names.append(node.name)
        elif isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            names += [f"{node.name}::{sub.name}" for sub in node.body
                      if isinstance(sub, functions)
                      and sub.name.startswith("test")]
    if not names:
        raise HiddenTestsError("hidden tests define no test functions (test_* / Test*::test_*)")
    return names


def _base_name(nodeid: str) -> str:
    name = nodeid.split("::", 1)[1] if "::" in nodeid else nodeid
    return re.sub(r"\[.*\]$", "", name)


def _verified_records(report: str, key: bytes) -> tuple[list[dict[str, object]], list[str]]:
    """Signed records in protocol order, and the problems found (forged, replayed, out of order).

    The order is ``start``, ``collect_error``*, ``collected`` (at most once),
    ``test``* (only for collected ids), ``finish`` (at most once, last).
    """
    records: list[dict[str, object]] = []
    problems: list[str] = []
    phase = "new"
    collected: set[str] = set()
    for line in report.splitlines():
        if not line.strip() or line.startswith("[... output truncated"):
            continue
        mac, _, body = line.partition(" ")
        good = hmac.new(key, body.encode(), hashlib.sha256).hexdigest()
        if not hmac.compare_digest(mac, good):
            problems.append("a result record failed signature verification (forged report)")
            continue
        record = json.loads(body)
        event = record.get("event")
        if record.get("seq") != len(records) + 1:
            problems.append("result records out of sequence (replayed or dropped report)")
            continue
        allowed = {"new": {"start"}, "start": {"collect_error", "collected", "finish"},
                   "collected": {"test", "finish"}, "finish": set()}[phase]
        if event not in allowed:
            problems.append(f"result record {event!r} out of protocol order (after {phase!r})")
            continue
        if event == "collected":
            collected = {str(n) for n in record["nodeids"]}
        if event == "test" and record.get("nodeid") not in collected:
            problems.append("a result for a test that was never collected")
            continue
        if event in ("start", "collected", "finish"):
            phase = str(event)
        records.append(record)
    return records, sorted(set(problems))


def run_pytest(
    tests_source: str,
    tests_sha256: str,
    solution: str,
    files: dict[str, str] | None = None,
    *,
    limits: Limits | None = None,
) -> PytestRun:
    """Run ``tests_source`` against the ``solution`` source, with the book's ``files``.

    The tests import the solution as ``solution`` (through the proxy) and the
    ``files`` by their module names. Raises `HiddenTestsError` if the tests do
    not match ``tests_sha256`` or define no tests: that is a broken exercise,
    not a wrong answer. Everything the solution does (crash, loop, tamper) is
    reported in the result.
    """
    limits = limits or Limits()
    if sha256_text(tests_source) != tests_sha256:
        raise HiddenTestsError(
            f"hidden tests do not match their sha256 (expected {tests_sha256[:12]}..., "
            f"got {sha256_text(tests_source)[:12]}...)"
        )
    expected = expected_tests(tests_source)
    key = secrets.token_bytes(32)
    files = files or {}
    if SOLUTION_FILE in files:
        raise ValueError(f"files must not contain {SOLUTION_FILE} (the solution's own name)")
    harness = {
        TEST_FILE: PLACEHOLDER,
        f"{PLUGIN_MODULE}.py": _PLUGIN_SOURCE_PATH.read_text(encoding="utf-8"),
        f"{BRIDGE_MODULE}.py": _BRIDGE_SOURCE_PATH.read_text(encoding="utf-8"),
        SOLUTION_FILE: _solution_bridge.STUB,
        "pytest.ini": "[pytest]\naddopts =\n",
        **{f"files/{name}": text for name, text in files.items()},
    }
    disabled = [arg for name in _DISABLED_PLUGINS for arg in ("-p", f"no:{name}")]
    argv = ["-P", "-m", "pytest", "-p", PLUGIN_MODULE, *disabled, "--noconftest",
            "-c", "/harness/pytest.ini", "--rootdir", "/harness", "-q", "--tb=short",
            "-o", "console_output_style=classic", f"/harness/{TEST_FILE}"]
    result = run_python(
        {SOLUTION_FILE: solution}, argv, limits=limits, readonly_files=harness, report=True,
        secret=key, private_inputs={TESTS_FD_ENV: tests_source.encode("utf-8")},
        env={"PYTHONPATH": "/harness:/harness/files", "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",
             "SELFTAUGHT_CALL_TIMEOUT": str(min(limits.cpu_s + 1, limits.wall_s / 3))},
    )
    records, tampering = _verified_records(result.report, key)
    if not records and result.report.strip() == "" and result.returncode == 0:
        tampering.append("no results were reported although the run exited cleanly")
    return _summarise(records, tampering, expected, result)


def _summarise(records: list[dict[str, object]], tampering: list[str], expected: list[str],
               result: SandboxResult) -> PytestRun:
    collected: list[str] | None = None
    phases: dict[str, list[tuple[str, str]]] = {}
    collect_errors: list[str] = []
    finished = False
    exitstatus = 0
    for rec in records:
        event = rec.get("event")
        if event == "collected":
            collected = [str(n) for n in rec["nodeids"]]  # type: ignore[attr-defined]
        elif event == "test":
            phases.setdefault(str(rec["nodeid"]), []).append(
                (str(rec["outcome"]), str(rec.get("message", ""))))
        elif event == "collect_error":
            collect_errors.append(str(rec.get("message", "")))
        elif event == "tamper":
            tampering.append(str(rec.get("message", "")))
        elif event == "finish":
            finished = True
            exitstatus = int(rec.get("exitstatus", 0))  # type: ignore[call-overload]
    ended_early = result.reason or "the process exited before pytest finished"
    not_run = f"did not run: {ended_early}"
    if collect_errors:
        not_run = "not collected: " + collect_errors[0].strip().splitlines()[-1][:300]
    outcomes: list[TestOutcome] = []
    for nodeid in collected or []:
        got = phases.get(nodeid)
        if not got:
            outcomes.append(TestOutcome(nodeid, "failed", not_run))
            continue
        failed = [msg for outcome, msg in got if outcome == "failed"]
        if failed:
            outcomes.append(TestOutcome(nodeid, "failed", failed[0]))
        elif any(outcome == "skipped" for outcome, _ in got):
            outcomes.append(TestOutcome(nodeid, "skipped", got[0][1]))
        else:
            outcomes.append(TestOutcome(nodeid, "passed"))
    seen = {_base_name(t.nodeid) for t in outcomes}
    outcomes += [TestOutcome(f"{TEST_FILE}::{name}", "failed", not_run)
                 for name in expected if name not in seen]
    problem: str | None = None
    if tampering:
        problem = "harness tampering detected: " + tampering[0]
    elif collect_errors:
        problem = "the tests could not be collected: " + (
            collect_errors[0].strip().splitlines() or [""])[-1][:300]
    elif not finished:
        problem = f"test run ended early: {ended_early}"
    elif exitstatus in _BAD_EXIT:
        problem = f"pytest stopped: {_BAD_EXIT[exitstatus]}"
    elif result.timed_out or result.killed_by:
        problem = result.reason
    return PytestRun(tests=outcomes, sandbox=result, collect_errors=collect_errors,
                     tampering=tampering, finished=finished, problem=problem)
