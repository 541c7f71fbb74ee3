"""Safety and robustness: the symbolic parser never evals code, never hangs, never crashes."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selftaught.checkers import (
    CheckerNotRegistered,
    MathParseError,
    grade,
    parse_math,
    register_checker,
)
from selftaught.checkers import registry as registry_module
from selftaught.types import CheckerSpec, Exercise, Grade

ATTACKS = [
    "__import__('os').system('touch pwned')",
    "x.__class__.__bases__",
    "(lambda: 1)()",
    "open('/etc/passwd')",
    "[x for x in ()]",
    "x if x else x",
    "9^9^9^9",
    "(10^1000)^1000",
    "1e99999",
    "2j",
    "0x10",
    "((((((((((((((((((((((((((((((((((((x))))))))))))))))))))))))))))))))))))",
    "x" * 400,
]


@pytest.mark.parametrize("text", ATTACKS)
def test_parse_math_rejects_code_and_bombs_quickly(text: str) -> None:
    start = time.perf_counter()
    with pytest.raises(MathParseError):
        parse_math(text)
    assert time.perf_counter() - start < 2.0


def test_builtin_names_are_plain_symbols() -> None:
    assert str(parse_math("exec + eval").expr) == "eval + exec"


MATH_CHARS = st.sampled_from([*list("xy0123456789+-*/^().,= "), "sin", "log", "E", "pi", "**"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(MATH_CHARS, max_size=25).map("".join) | st.text(max_size=30))
def test_parse_math_raises_only_math_parse_error(text: str) -> None:
    try:
        parsed = parse_math(text)
    except MathParseError:
        return
    assert parsed.expr is not None


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(max_size=60),
    st.sampled_from(["exact", "choice", "numeric", "regex", "set", "symbolic"]),
)
def test_grading_any_response_gives_a_grade(response: str, kind: str) -> None:
    params: dict[str, object] = {
        "choice": {"options": ["zorp", "blick"]},
        "regex": {"pattern": "b.*"},
    }.get(kind, {})
    answer = {"numeric": "3/4", "symbolic": "x^2", "choice": "B", "regex": "blick"}.get(
        kind, "blick"
    )
    ex = Exercise(id="e", prompt="q", answer=answer, checker=CheckerSpec(kind=kind, **params))
    result = grade(response, ex)
    assert isinstance(result, Grade)
    assert 0.0 <= result.score <= 1.0
    assert result.feedback


def test_unregistered_kind_raises_not_zero(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(registry_module.CHECKERS, "python-tests", raising=False)
    monkeypatch.setitem(registry_module.PLUGINS, "python-tests", "selftaught.no_such_plugin")
    ex = Exercise(
        id="e", prompt="q", answer="def f(): pass", checker=CheckerSpec(kind="python-tests")
    )
    with pytest.raises(CheckerNotRegistered, match="python-tests"):
        grade("Answer: def f(): pass", ex)


def test_register_checker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(registry_module.CHECKERS, "python-tests", raising=False)
    monkeypatch.setitem(registry_module.PLUGINS, "python-tests", "selftaught.no_such_plugin")

    def fake(response: str, item: Exercise) -> Grade:
        ok = "pass" in response
        return Grade(score=float(ok), correct=ok, feedback="fake")

    register_checker("python-tests", fake)
    register_checker("python-tests", fake)  # idempotent
    ex = Exercise(id="e", prompt="q", answer="x", checker=CheckerSpec(kind="python-tests"))
    assert grade("pass", ex).correct
    with pytest.raises(ValueError, match="already registered"):
        register_checker("exact", fake)
    with pytest.raises(ValueError, match="must be a lowercase word"):
        register_checker("Fuzzy Kind", fake)


def test_checker_returning_a_non_grade_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(registry_module.CHECKERS, "exact", lambda response, item: 1.0)
    with pytest.raises(TypeError, match="not Grade"):
        grade("Answer: x", Exercise(id="e", prompt="q", answer="x"))
