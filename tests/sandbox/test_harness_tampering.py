"""Hidden-test harness: honest results for honest code; tampering never rewarded.

Every attack below is a way a solution could try to look correct without
being correct. The solution runs in its own process and talks to the tests
through a plain-data proxy, so each attack must end with the tests counted as
failed (with a reason a learner or reviewer can read), never as passed.
"""

from __future__ import annotations

import pytest

from selftaught.sandbox.pytest_harness import (
    HiddenTestsError,
    PytestRun,
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


def grade(solution: str, **kwargs: object) -> PytestRun:
    return run_pytest(TESTS, sha256_text(TESTS), solution,
                      limits=kwargs.get("limits", LIMITS))  # type: ignore[arg-type]


def all_failed(run: PytestRun) -> bool:
    return run.passed == 0 and run.total >= 3 and all(t.message for t in run.tests)


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
        run_pytest(TESTS, "0" * 64, GOOD, limits=LIMITS)


def test_overwriting_the_hidden_tests_fails() -> None:
    run = grade("open('/harness/test_hidden.py', 'w').write('def test_small(): pass')\n" + GOOD)
    assert all_failed(run)
    assert "Read-only file system" in (run.problem or "")


def test_conftest_injection_is_ignored() -> None:
    conftest = (
        "import pytest\n"
        "@pytest.hookimpl(hookwrapper=True)\n"
        "def pytest_runtest_makereport(item, call):\n"
        "    outcome = yield\n"
        "    outcome.get_result().outcome = 'passed'\n"
    )
    attack = (
        "import os\n"
        "for d in ('/scratch', '/harness', '/harness/files'):\n"
        "    try:\n"
        f"        open(os.path.join(d, 'conftest.py'), 'w').write({conftest!r})\n"
        "    except OSError:\n"
        "        pass\n"
        "def add(a, b):\n    return 0\n"
    )
    assert all_failed(grade(attack))


@pytest.mark.parametrize("exit_call", ["import sys\nsys.exit(0)\n", "import os\nos._exit(0)\n"])
def test_exiting_before_the_tests_run_fails_every_test(exit_call: str) -> None:
    run = grade(exit_call + GOOD)
    assert all_failed(run) and run.total == 3  # the expected tests, none collected
    assert "could not be collected" in (run.problem or "")


def test_monkeypatching_pytest_cannot_reach_the_test_process() -> None:
    attack = (
        "import _pytest.python, _pytest.runner\n"
        "_pytest.python.Function.runtest = lambda self: None\n"
        "_pytest.runner.call_and_report = lambda *a, **k: None\n"
        "def add(a, b):\n    return 0\n"
    )
    assert all_failed(grade(attack))


def test_the_harness_and_the_tests_are_not_in_the_solution_process() -> None:
    attack = (
        "import sys\n"
        "sys.modules['selftaught_harness']._emit({'event': 'finish', 'exitstatus': 0})\n"
        "for name in ('test_small', 'test_zero'):\n"
        "    getattr(sys.modules['test_hidden'], name).__code__ = (lambda: None).__code__\n"
        + GOOD
    )
    run = grade(attack)
    assert all_failed(run)
    assert "KeyError: 'selftaught_harness'" in (run.problem or "")


def test_forged_report_lines_count_for_nothing() -> None:
    attack = (
        "import os\n"
        "fake = b'0' * 64 + b' {\"event\": \"finish\", \"exitstatus\": 0, \"seq\": 1}\\n'\n"
        "print('test_hidden.py::test_small PASSED')\n"
        "open('report.xml', 'w').write('<testsuite failures=\"0\"/>')\n"
        "def add(a, b):\n"
        "    for fd in range(3, 64):\n"
        "        try:\n"
        "            os.write(fd, fake)\n"
        "        except OSError:\n"
        "            pass\n"
        "    return 0\n"
    )
    assert all_failed(grade(attack))


def test_an_object_that_fakes_equality_cannot_cross() -> None:
    attack = "class Anything:\n    def __eq__(self, other):\n        return True\n" \
             "def add(a, b):\n    return Anything()\n"
    run = grade(attack)
    assert all_failed(run)
    assert "cannot be passed between the tests and the solution" in run.tests[0].message


def test_the_test_process_memory_is_out_of_reach() -> None:
    # Same uid, but the pytest process is non-dumpable: no ptrace, no /proc/PID/mem.
    attack = (
        "import os\n"
        "def add(a, b):\n"
        "    try:\n"
        "        open(f'/proc/{os.getppid()}/mem', 'rb').close()\n"
        "        return -1\n"
        "    except PermissionError:\n"
        "        return a + b\n"
    )
    assert grade(attack).passed == 4


def test_killing_the_test_process_fails_every_test() -> None:
    run = grade("import os, signal\nos.kill(os.getppid(), signal.SIGKILL)\n" + GOOD)
    assert all_failed(run)
    assert "ended early" in (run.problem or "")


def test_skipping_the_module_fails_every_test() -> None:
    attack = "import pytest\npytest.skip('nothing to see', allow_module_level=True)\n"
    assert all_failed(grade(attack))


def test_builtin_exceptions_keep_their_type() -> None:
    tests = (
        "import pytest\nfrom solution import check\n\n"
        "def test_raises():\n    with pytest.raises(ValueError, match='negative'):\n"
        "        check(-1)\n"
    )
    solution = "def check(x):\n    if x < 0:\n        raise ValueError('negative input')\n"
    run = run_pytest(tests, sha256_text(tests), solution, limits=LIMITS)
    assert (run.passed, run.total) == (1, 1)


def test_endless_loop_fails_its_test_and_keeps_the_others() -> None:
    limits = LIMITS.__class__(**{**LIMITS.__dict__, "cpu_s": 1, "wall_s": 20.0})
    attack = "def add(a, b):\n    while a >= 100:\n        pass\n    return a + b\n"
    run = grade(attack, limits=limits)
    assert run.passed == 3  # the tests before the endless one still count
    failed = [t for t in run.tests if t.outcome == "failed"]
    assert len(failed) == 1 and "TestMore" in failed[0].nodeid
    assert "died" in failed[0].message or "took longer" in failed[0].message
