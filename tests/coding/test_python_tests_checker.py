"""The python-tests checker: code extraction, grading good/wrong/tampering code, hash checks."""

from __future__ import annotations

import dataclasses

import pytest

import selftaught.checkers.python_tests as pt
from selftaught.checkers import grade, registered_kinds
from selftaught.checkers.python_tests import extract_code
from selftaught.sandbox.pytest_harness import sha256_text
from selftaught.types import CheckerSpec, Exercise

LIB = "def double(x):\n    return 2 * x\n"
TESTS = (
    "from solution import solve\n\n"
    "def test_one():\n    assert solve(1) == 3\n\n"
    "def test_two():\n    assert solve(2) == 5\n\n"
    "def test_ten():\n    assert solve(10) == 21\n"
)


def exercise(tests: str = TESTS, sha: str | None = None) -> Exercise:
    spec = CheckerSpec(kind="python-tests", tests=tests, tests_sha256=sha or sha256_text(tests),
                       files={"mylib.py": LIB})
    return Exercise(id="c1.e1", prompt="Write solve(x) = double(x) + 1 using mylib.",
                    answer="```python\nfrom mylib import double\n\n\ndef solve(x):\n"
                           "    return double(x) + 1\n```", checker=spec)


def test_registered() -> None:
    assert "python-tests" in registered_kinds()


@pytest.mark.parametrize(("response", "code"), [
    ("Sure:\n```python\nx = 1\n```\nand\n```py\ny = 2\n```\n", "y = 2\n"),
    ("```\nz = 3\n```", "z = 3\n"),
    ("```js\nlet a\n```\nAnswer: q = 4", "```js\nlet a\n```\nAnswer: q = 4"),
    ("Answer: w = 5", "w = 5"),
    ("```python\nunterminated = 6\n", "unterminated = 6\n"),
])
def test_extract_code(response: str, code: str) -> None:
    assert extract_code(response) == code


def test_good_solution_is_correct() -> None:
    item = exercise()
    g = grade(item.answer, item)
    assert g.correct and g.score == 1.0, g.feedback
    assert g.extracted is not None and "double(x) + 1" in g.extracted
    assert g.feedback.startswith("3/3 tests passed")


def test_wrong_solution_gets_partial_credit_and_names_failures() -> None:
    response = "```python\nfrom mylib import double\n\ndef solve(x):\n" \
               "    return double(x) + 1 if x < 5 else 0\n```"
    g = grade(response, exercise())
    assert not g.correct
    assert g.score == pytest.approx(2 / 3)
    assert "FAILED test_ten" in g.feedback and "assert 0 == 21" in g.feedback


def test_no_code_is_a_zero_with_instructions() -> None:
    g = grade("   ", exercise())
    assert not g.correct and g.score == 0.0 and g.extracted is None
    assert "```python" in g.feedback


def test_code_that_does_not_import_gets_the_error_as_feedback() -> None:
    g = grade("```python\ndef solve(x)\n    return x\n```", exercise())
    assert not g.correct and g.score == 0.0
    assert "SyntaxError" in g.feedback


def test_tampering_with_pytest_scores_zero() -> None:
    response = (
        "```python\nimport _pytest.python\n"
        "_pytest.python.Function.runtest = lambda self: None\n"
        "def solve(x):\n    return 0\n```"
    )
    g = grade(response, exercise())
    assert not g.correct and g.score == 0.0
    assert "FAILED test_one" in g.feedback


def test_forged_records_zero_the_score(monkeypatch: pytest.MonkeyPatch) -> None:
    real = pt.run_pytest

    def forged(*args: object, **kwargs: object) -> object:
        run = real(*args, **kwargs)  # type: ignore[arg-type]
        return dataclasses.replace(run, tampering=["forged report"], problem="tampering")

    monkeypatch.setattr(pt, "run_pytest", forged)
    item = exercise()
    g = grade("```python\nfrom mylib import double\n\ndef solve(x):\n"
              "    return double(x) + 1  # not cached\n```", item)
    assert g.score == 0.0 and not g.correct
    assert "tampering" in g.feedback


def test_exit_before_tests_is_a_failure_with_reason() -> None:
    g = grade("```python\nimport os\nos._exit(0)\n```", exercise())
    assert not g.correct and g.score == 0.0
    assert "Problem:" in g.feedback


def test_hash_mismatch_raises_naming_the_exercise() -> None:
    with pytest.raises(ValueError, match=r"exercise c1\.e1: .*sha256"):
        grade("```python\ndef solve(x):\n    return 0\n```", exercise(sha="ab" * 32))


def test_missing_tests_raise_naming_the_exercise() -> None:
    item = Exercise(id="c9.e9", prompt="p", answer="a", checker=CheckerSpec(kind="python-tests"))
    with pytest.raises(ValueError, match=r"exercise c9\.e9: .*no tests"):
        grade("```python\nx = 1\n```", item)


def test_clean_grades_are_cached(monkeypatch: pytest.MonkeyPatch) -> None:
    item = exercise()
    response = "```python\nfrom mylib import double\n\ndef solve(x):\n    return x + x + 1\n```"
    first = grade(response, item)
    assert first.correct

    def must_not_run(*args: object, **kwargs: object) -> None:
        raise AssertionError("a cached grade ran the sandbox again")

    monkeypatch.setattr(pt, "run_pytest", must_not_run)
    assert grade(response, item) == first
