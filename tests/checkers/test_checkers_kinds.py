"""Each built-in checker on clean and chatty responses, and the feedback it writes."""

from __future__ import annotations

import doctest
import importlib

import pytest

from selftaught.checkers import extract_answer, grade
from selftaught.types import CheckerSpec, Exercise


def item(answer: str, kind: str = "exact", **params: object) -> Exercise:
    return Exercise(
        id="x1", prompt="question?", answer=answer, checker=CheckerSpec(kind=kind, **params)
    )


@pytest.mark.parametrize(
    "module",
    ["extract", "text", "symbolic", "builtin", "registry"],
)
def test_doctests(module: str) -> None:
    mod = importlib.import_module(f"selftaught.checkers.{module}")
    result = doctest.testmod(mod, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0


CHATTY = [
    ("Let me think step by step.\nThe plural adds -en.\nAnswer: blick-en", "blick-en"),
    ("**Answer:** `blick-en`.", "blick-en"),
    ('Answer: dog\nHmm, wait, that\'s wrong.\nFinal answer: "blick-en"', "blick-en"),
    ("I'm fairly sure.\n\nANSWER:\n\nblick-en\n\nHope this helps!", "blick-en"),
    ("The answer is blick-en. Let me know!", "blick-en"),
    ("We conclude \\boxed{blick-en}.", "blick-en"),
    ("Sure!\n\n*blick-en*\n", "blick-en"),
    ("> Answer: blick-en", "blick-en"),
    ("- answer : blick-en", "blick-en"),
    ("Answer: The answer is **blick-en**.", "blick-en"),
]


@pytest.mark.parametrize(("response", "expected"), CHATTY)
def test_extract_answer_from_chatty_output(response: str, expected: str) -> None:
    assert extract_answer(response) == expected


def test_extract_answer_prefers_the_last_answer_line_over_fallbacks() -> None:
    response = "The answer is 3.\n\\boxed{4}\nAnswer: 5\nthat's all"
    assert extract_answer(response) == "5"


def test_extract_answer_empty() -> None:
    assert extract_answer("") is None
    assert extract_answer("\n \n") is None


def test_exact_normalises_case_space_and_punctuation_but_not_hyphens() -> None:
    ex = item("blick-en", aliases=["blicken-a"])
    assert grade("Answer:   BLICK-EN!", ex).correct
    assert grade("Answer: blicken-a", ex).correct
    assert not grade("Answer: blicken", ex).correct
    assert not grade("Answer: the blick-en", ex).correct  # articles are not dropped


def test_exact_case_sensitive() -> None:
    ex = item("Zorp", case_sensitive=True)
    assert grade("Answer: Zorp", ex).correct
    assert not grade("Answer: zorp", ex).correct


def test_feedback_teaches() -> None:
    ex = item("blick-en")
    wrong = grade("I think it's this.\nAnswer: dogs", ex)
    assert wrong.feedback == "Incorrect: you answered 'dogs'; the expected answer is 'blick-en'."
    assert wrong.score == 0.0 and wrong.extracted == "dogs"
    missing = grade("", ex)
    assert not missing.correct and missing.extracted is None
    assert "No answer found" in missing.feedback and "'Answer: <your answer>'" in missing.feedback
    no_line = grade("blick-en", ex)
    assert no_line.correct and "No 'Answer:' line" in no_line.feedback


@pytest.mark.parametrize(
    ("response", "correct"),
    [
        ("Answer: B", True),
        ("Answer: (b)", True),
        ("Answer: B) blick", True),
        ("Answer: option B", True),
        ("Answer: Blick", True),
        ("The dog word is blick, so\nAnswer: blick.", True),
        ("Answer: A", False),
        ("Answer: zorp", False),
        ("Answer: A or B", False),
        ("Answer: blick or zorp", False),
        ("Answer: B) zorp", False),  # letter and text disagree: two options named
        ("Answer: D", False),
    ],
)
def test_choice(response: str, correct: bool) -> None:
    ex = item("blick", "choice", options=["zorp", "blick", "tam"])
    assert grade(response, ex).correct is correct


def test_choice_reference_by_letter_and_two_option_feedback() -> None:
    ex = item("C", "choice", options=["zorp", "blick", "tam"])
    assert grade("Answer: tam", ex).correct
    feedback = grade("Answer: A, C", ex).feedback
    assert "names 2 options (A, C)" in feedback and "(C) 'tam'" in feedback


@pytest.mark.parametrize(
    ("response", "correct"),
    [
        ("Answer: 1234.5", True),
        ("Answer: 1,234.5", True),
        ("Answer: +1234.50", True),
        ("Answer: 2469/2", True),
        ("So the total is\nAnswer: 1234.5 apples.", True),
        ("Answer: 1.2345e3", True),
        ("Answer: 1234.6", False),
        ("Answer: -1234.5", False),
        ("Answer: about twelve hundred", False),
        ("Answer: 1,23,4", False),
    ],
)
def test_numeric_exact_default(response: str, correct: bool) -> None:
    assert grade(response, item("1234.5", "numeric")).correct is correct


def test_numeric_reads_the_stated_number() -> None:
    ex = item("5", "numeric")
    assert grade("Answer: 2 + 3 = 5", ex).correct
    assert grade("Answer: 5, because 2 + 3", ex).correct
    assert grade("Answer: 5 apples", ex).correct
    assert not grade("Answer: 5 = 2 + 4", ex).correct


def test_numeric_tolerances() -> None:
    assert grade("Answer: 10.4", item("10", "numeric", tolerance=0.5)).correct
    assert not grade("Answer: 10.6", item("10", "numeric", tolerance=0.5)).correct
    assert grade("Answer: 1010", item("1000", "numeric", rel_tolerance=0.01)).correct
    assert not grade("Answer: 1011", item("1000", "numeric", rel_tolerance=0.01)).correct
    big = "123456789012345678901234567890"
    assert grade(f"Answer: {big}", item(big, "numeric")).correct  # exact, no float rounding
    assert not grade("Answer: 123456789012345678901234567891", item(big, "numeric")).correct
    assert grade("Answer: 3/4", item("0.75", "numeric")).correct
    assert grade("Answer: −3", item("-3", "numeric")).correct  # unicode minus


def test_numeric_feedback() -> None:
    g = grade("Answer: 12", item("14", "numeric", tolerance=0.5))
    assert g.feedback == (
        "Incorrect: you answered '12' (read as 12); the expected answer is 14 (within ±0.5)."
    )
    assert "no number found" in grade("Answer: lots", item("14", "numeric")).feedback


def test_regex_fullmatch() -> None:
    ex = item("zorp-en", "regex", pattern=r"(blick|zorp)-en")
    assert grade("Answer: blick-en", ex).correct
    assert not grade("Answer: blick-en-en", ex).correct  # fullmatch, not search
    assert not grade("Answer: xblick-en", ex).correct
    assert "not of the required form" in grade("Answer: dog", ex).feedback


def test_set_partial_credit_is_jaccard() -> None:
    ex = item("tam, vel, rop", "set")
    assert grade("Answer: rop, TAM, vel", ex).correct
    assert grade("Answer: rop, tam and vel", ex).correct
    assert grade("Answer: rop, tam, and vel.", ex).correct
    assert grade("Answer: rop, tam, vel, vel", ex).correct  # duplicates ignored
    partial = grade("Answer: tam, vel, blick", ex)
    assert not partial.correct
    assert partial.score == pytest.approx(2 / 4)
    assert "missing 'rop'" in partial.feedback and "'blick'" in partial.feedback
    assert grade("Answer: blick", ex).score == 0.0


def test_set_custom_separator() -> None:
    ex = item("a; b", "set", separator=";")
    assert grade("Answer: b; a", ex).correct
    assert not grade("Answer: b, a", ex).correct


@pytest.mark.parametrize(
    ("response", "correct"),
    [
        ("Answer: x^2 + 2x + 1", True),
        ("Answer: (x+1)**2", True),
        ("Answer: $(1 + x)^2$", True),
        ("Answer: 1 + x(x + 2)", True),
        ("Answer: x^2 + 1", False),
        ("Answer: (x+1)^3", False),
        ("Answer: y = (x+1)^2", False),  # an equation where an expression is expected
        ("Answer: __import__('os').system('true')", False),
        ("Answer: 9^9^9^9", False),
    ],
)
def test_symbolic(response: str, correct: bool) -> None:
    assert grade(response, item("(x+1)^2", "symbolic")).correct is correct


def test_symbolic_equations_and_functions() -> None:
    assert grade("Answer: 2x - y + 1 = 0", item("y = 2x + 1", "symbolic")).correct
    assert not grade("Answer: 2x - y = 0", item("y = 2x + 1", "symbolic")).correct
    assert grade("Answer: 1 - cos(x)^2", item("sin(x)^2", "symbolic")).correct
    assert grade("Answer: 2*log(x)", item("log(x^2)", "symbolic")).correct
    assert grade("Answer: 0.5", item("1/2", "symbolic")).correct
    bad = grade("Answer: import os", item("x", "symbolic"))
    assert not bad.correct and "could not read" in bad.feedback
