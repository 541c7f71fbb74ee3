"""DT301/DT302: special-casing the graded tests, only when the tests are given."""

from __future__ import annotations

TESTS = """
import pytest
from solution import fib

def test_small():
    assert fib(3) == 2
    assert fib(10) == 55

@pytest.mark.parametrize("n,expected", [(20, 6765), (1, 1)])
def test_table(n, expected):
    assert fib(n) == expected
"""


def test_branch_on_test_input_returning_expected_output_fires(rules):
    code = "def fib(n):\n    if n == 10:\n        return 55\n    return n\n"
    assert rules(code, "solution.py", tests=TESTS) == ["DT301"]
    assert rules(code, "solution.py") == []  # without the tests nothing can be said


def test_parametrized_cases_and_in_tuple_are_read(rules):
    code = "def fib(n):\n    if n in (20, 99):\n        return 6765\n    return n\n"
    assert rules(code, "solution.py", tests=TESTS) == ["DT301"]


def test_answer_table_fires(rules):
    code = "ANSWERS = {3: 2, 10: 55, 20: 6765}\ndef fib(n):\n    return ANSWERS[n]\n"
    assert rules(code, "solution.py", tests=TESTS) == ["DT302"]


def test_general_solution_with_base_cases_is_silent(rules):
    code = (
        "def fib(n):\n    if n < 2:\n        return n\n    a, b = 0, 1\n"
        "    for _ in range(n - 1):\n        a, b = b, a + b\n    return b\n"
    )
    assert rules(code, "solution.py", tests=TESTS) == []


def test_trivial_base_case_that_is_also_a_test_case_is_silent(rules):
    code = "def fib(n):\n    if n == 1:\n        return 1\n    return fib(n - 1) + fib(n - 2)\n"
    assert rules(code, "solution.py", tests=TESTS) == []


def test_unittest_assert_equal_cases_are_read(rules):
    tests = "import unittest\nclass T(unittest.TestCase):\n    def test_a(self):\n" \
            "        self.assertEqual(area(7), 153.94)\n"
    code = "def area(r):\n    if r == 7:\n        return 153.94\n    return 3.14159 * r * r\n"
    assert rules(code, "solution.py", tests=tests) == ["DT301"]
