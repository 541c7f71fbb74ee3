"""The ``python-tests`` checker: grade code by running hidden pytest tests in the sandbox.

Convention (told to learners by the coding textbooks' ``answer_format``):

* The code is the **last** ```` ```python ```` fenced block of the response (a
  bare ```` ``` ```` fence is accepted too); without a fence, the whole reply,
  minus a leading ``Answer:`` label, is the code.
* The code is saved as ``solution.py`` (`SOLUTION_MODULE`), so hidden tests
  ``from solution import solve``. It runs in its own process inside the
  sandbox and the tests call it through a proxy: arguments and results must
  be plain data (None, bool, int, float, str, list, tuple, dict, set);
  builtin exceptions keep their type (see `selftaught.sandbox.pytest_harness`).
  The exercise's ``checker.files`` (e.g. the book's library) are mounted
  read-only and importable by their names from the solution and the tests.
* ``checker.tests`` are verified against ``checker.tests_sha256``; a mismatch
  is a broken exercise and raises `ValueError` naming the exercise, never a 0.

Grades of clean runs are cached in-process (`CACHE_SIZE`), keyed by the exact
code, tests, files and limits, since study runs re-grade identical answers.

The grade's ``score`` is the fraction of tests passed, ``correct`` means all
passed on a clean run, and ``feedback`` lists the failing tests with their
short assertion output. A run in which the harness detected tampering
(patching pytest, forged results) scores 0 whatever the tests said.
"""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict

from selftaught.checkers.registry import register_checker
from selftaught.sandbox.bwrap import Limits
from selftaught.sandbox.pytest_harness import (
    HiddenTestsError,
    PytestRun,
    run_pytest,
    sha256_text,
)
from selftaught.types import Exercise, Grade

__all__ = ["DEFAULT_LIMITS", "SOLUTION_MODULE", "check_python_tests", "extract_code"]

SOLUTION_MODULE = "solution"
"""The module name the response's code is saved as (``solution.py``)."""

DEFAULT_LIMITS = Limits(cpu_s=10, wall_s=30.0, memory_mb=1024, nproc=32, file_mb=16,
                        scratch_mb=64)
"""Limits for one grading run: generous for small exercises, tight for a runaway."""

CACHE_SIZE = 2048
"""Grades of clean runs are remembered by (code, tests, files, limits): a study run
re-grades the same answers to the same probes after every chapter."""
_CACHE: OrderedDict[str, Grade] = OrderedDict()

_FENCE = re.compile(r"```[ \t]*(?P<lang>[A-Za-z0-9_+-]*)[^\n]*\n(?P<body>.*?)(?:```|\Z)", re.S)
_ANSWER_LABEL = re.compile(r"^\s*(?:final\s+)?answer\s*:\s*", re.I)
_FEEDBACK_CHARS = 1800


def extract_code(response: str) -> str | None:
    """The code in a response: the last python (or bare) fenced block, else the whole reply.

    >>> extract_code("Here:\\n```python\\ndef f():\\n    return 1\\n```\\nDone.")
    'def f():\\n    return 1\\n'
    >>> extract_code("Answer: x = 1")
    'x = 1'
    >>> extract_code("   ") is None
    True
    """
    blocks = [m for m in _FENCE.finditer(response)
              if m.group("lang").lower() in ("", "python", "py", "python3")]
    code = blocks[-1].group("body") if blocks else _ANSWER_LABEL.sub("", response, count=1)
    return code if code.strip() else None


def check_python_tests(response: str, item: Exercise, *, limits: Limits | None = None) -> Grade:
    """Grade ``response`` by running ``item.checker.tests`` against its code in the sandbox."""
    spec = item.checker
    if not spec.tests or not spec.tests.strip():
        raise ValueError(f"exercise {item.id}: python-tests checker has no tests "
                         "(add checker.tests with the pytest source)")
    code = extract_code(response)
    if code is None:
        return Grade(score=0.0, correct=False, extracted=None,
                     feedback="No code found. Reply with your code in a ```python fenced block "
                     f"defining what the exercise asks for (it is saved as {SOLUTION_MODULE}.py).")
    if f"{SOLUTION_MODULE}.py" in spec.files:
        raise ValueError(f"exercise {item.id}: checker.files must not contain "
                         f"{SOLUTION_MODULE}.py (that name is reserved for the response's code)")
    limits = limits or DEFAULT_LIMITS
    key = _cache_key(code, spec.tests, spec.files, limits)
    if key in _CACHE:
        _CACHE.move_to_end(key)
        return _CACHE[key]
    try:
        run = run_pytest(spec.tests, spec.tests_sha256 or sha256_text(spec.tests), code,
                         spec.files, limits=limits)
    except HiddenTestsError as exc:
        raise ValueError(f"exercise {item.id}: {exc}") from exc
    grade_ = _to_grade(run, code)
    if run.problem is None:  # only clean runs: a timeout under load must not stick
        _CACHE[key] = grade_
        if len(_CACHE) > CACHE_SIZE:
            _CACHE.popitem(last=False)
    return grade_


def _cache_key(code: str, tests: str, files: dict[str, str], limits: Limits) -> str:
    digest = hashlib.sha256()
    for part in (code, tests, *sorted(f"{k}\0{v}" for k, v in files.items()), repr(limits)):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0\1")
    return digest.hexdigest()


def _to_grade(run: PytestRun, code: str) -> Grade:
    total, passed = run.total, run.passed
    score = 0.0 if run.tampering or total == 0 else passed / total
    correct = bool(total) and passed == total and run.problem is None
    lines = [f"{passed}/{total} tests passed."]
    if run.problem:
        lines.insert(0, f"Problem: {run.problem}.")
    for test in run.tests:
        if test.outcome != "passed":
            name = test.nodeid.split("::", 1)[-1]
            lines.append(f"FAILED {name}: {_short(test.message)}")
    feedback = "\n".join(lines)
    if len(feedback) > _FEEDBACK_CHARS:
        feedback = feedback[:_FEEDBACK_CHARS] + "\n[... feedback truncated ...]"
    return Grade(score=score, correct=correct, feedback=feedback, extracted=code)


def _short(message: str) -> str:
    """The informative tail of a pytest failure: the ``E`` lines and the line before them."""
    lines = [ln for ln in message.strip().splitlines() if ln.strip()]
    e_lines = [i for i, ln in enumerate(lines) if ln.lstrip().startswith("E ")]
    if e_lines:
        start = max(0, e_lines[0] - 1)
        picked = lines[start:e_lines[-1] + 1][:8]
    else:
        picked = lines[-3:]
    return "\n    ".join(ln.rstrip() for ln in picked)[:500]


register_checker("python-tests", check_python_tests)
