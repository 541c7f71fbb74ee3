"""Hidden-test harness: honest results for honest code, and tampering caught, never rewarded.

Every attack below is a way a solution could try to look correct without
being correct. Each must end with the tests counted as failed (or the run
flagged), and with a reason a learner (or a reviewer) can read.
"""

from __future__ import annotations

import pytest

from selftaught.sandbox.pytest_harness import (
    HiddenTestsError,
    expected_tests,
    run_pytest,
    sha256_text,
)

from .helpers_sandbox import SMALL

TESTS = '''
import pytest
from solution import add


def test_small():
    assert add(1, 2) == 3


@pytest.mark.parametrize("x", [1, 5])
def test_zero(x):
    assert add(x, 0) == x


class TestMore:
    def test_big(self):
        assert add(100, 23) == 123
'''
GOOD = "def add(a, b):\n    return a + b\n"
LIMITS = SMALL.__class__(**{**SMALL.__dict__, "memory_mb": 1024, "cpu_s": 10, "wall_s": 30.0})


def grade(solution: str):  # type: ignore[no-untyped-def]
    return run_pytest(TESTS, sha256_text(TESTS), {"solution.py": solution}, limits=LIMITS)


def test_expected_tests_are_read_from_the_source() -> None:
    assert expected_tests(TESTS) == ["test_small", "test_zero", "TestMore::test_big"]
    with pytest.raises(HiddenTestsError, match="no test functions"):
        expected_tests("x = 1\n")


def test_good_solution_passes_everything() -> None:
    run = grade(GOOD)
    assert (run.passed, run.total) == (4, 4)
    assert run.finished and run.problem is None and run.tampering == []


def test_wrong_solution_gets_partial_score_and_assertion_output() -> None:
    run = grade("def add(a, b):\n    return a + b if a < 50 else 0\n")
    assert (run.passed, run.total) == (3, 4)
    failed = [t for t in run.tests if t.outcome == "failed"]
    assert [t.nodeid for t in failed] == ["test_hidden.py::TestMore::test_big"]
    assert "assert 0 == 123" in failed[0].message


def test_hash_mismatch_is_an_error_not_a_zero() -> None:
    with pytest.raises(HiddenTestsError, match="sha256"):
        run_pytest(TESTS, "0" * 64, {"solution.py": GOOD}, limits=LIMITS)


def test_overwriting_the_hidden_tests_fails() -> None:
    attack = ("open('/harness/test_hidden.py', 'w').write('def test_small(): pass')\n" + GOOD)
    run = grade(attack)
    assert run.passed == 0
    assert "Read-only file system" in (run.problem or "")


def test_conftest_injection_is_ignored() -> None:
    conftest = (
        "import pytest\\n"
        "@pytest.hookimpl(hookwrapper=True)\\n"
        "def pytest_runtest_makereport(item, call):\\n"
        "    outcome = yield\\n"
        "    outcome.get_result().outcome = 'passed'\\n"
    )
    attack = (
        "import os\n"
        f"for d in ('/scratch', '/harness'):\n"
        "    try:\n"
        f"        open(os.path.join(d, 'conftest.py'), 'w').write({conftest!r})\n"
        "    except OSError:\n"
        "        pass\n"
        "def add(a, b):\n    return 0\n"
    )
    run = grade(attack)
    assert run.passed == 0 and run.total == 4


@pytest.mark.parametrize("exit_call", ["import sys\nsys.exit(0)\n", "import os\nos._exit(0)\n"])
def test_exiting_before_the_tests_run_fails_every_test(exit_call: str) -> None:
    run = grade(exit_call + GOOD)
    assert run.passed == 0 and run.total == 3  # the expected tests, none of which reported
    assert run.problem is not None


def test_patching_pytest_classes_is_detected() -> None:
    attack = "import _pytest.python\n_pytest.python.Function.runtest = lambda self: None\n" + \
        "def add(a, b):\n    return 0\n"
    run = grade(attack)
    assert run.tampering
    assert "Function.runtest" in (run.problem or "")


def test_patching_pytest_module_functions_is_detected() -> None:
    attack = (
        "import _pytest.runner\n"
        "_pytest.runner.call_and_report = lambda item, when, log=True, **kw: None\n"
        "def add(a, b):\n    return 0\n"
    )
    run = grade(attack)
    assert run.passed == 0
    assert run.tampering and "call_and_report" in run.tampering[0]


def test_rewriting_test_code_at_run_time_is_refused() -> None:
    attack = (
        "import sys\n"
        "def add(a, b):\n"
        "    mod = sys.modules['test_hidden']\n"
        "    for name in ('test_zero', 'test_small'):\n"
        "        getattr(mod, name).__code__ = (lambda *a, **k: None).__code__\n"
        "    return 0\n"
    )
    run = grade(attack)
    assert run.passed == 0
    assert any("replacing the code" in t for t in run.tampering)


def test_heap_walking_is_refused() -> None:
    attack = "import gc\nobjs = gc.get_objects()\n" + GOOD
    run = grade(attack)
    assert run.passed == 0
    assert any("gc.get_objects" in t for t in run.tampering)


def test_forged_report_lines_are_rejected() -> None:
    attack = (
        "import os\n"
        "fake = b'0' * 64 + b' {\"event\": \"finish\", \"exitstatus\": 0, \"seq\": 1}\\n'\n"
        "for fd in range(3, 64):\n"
        "    try:\n"
        "        os.write(fd, fake)\n"
        "    except OSError:\n"
        "        pass\n"
        "def add(a, b):\n    return 0\n"
    )
    run = grade(attack)
    assert run.passed == 0
    assert any("forged" in t for t in run.tampering)


def test_skipping_the_module_fails_every_test() -> None:
    attack = "import pytest\npytest.skip('nothing to see', allow_module_level=True)\n"
    run = grade(attack)
    assert run.passed == 0 and run.total == 3


def test_infinite_loop_in_solution_keeps_finished_results() -> None:
    limits = LIMITS.__class__(**{**LIMITS.__dict__, "cpu_s": 3, "wall_s": 20.0})
    attack = "def add(a, b):\n    while a >= 100:\n        pass\n    return a + b\n"
    run = run_pytest(TESTS, sha256_text(TESTS), {"solution.py": attack}, limits=limits)
    assert run.passed == 3  # the tests before the hanging one still count
    assert run.sandbox.killed_by == "cpu-time"
    assert "CPU-time" in (run.problem or "")
