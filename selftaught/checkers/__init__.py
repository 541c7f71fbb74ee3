"""Grading responses: answer extraction and one pure checker per kind.

Public API (see docs/interfaces.md): `grade`, `extract_answer`,
`register_checker`. The per-kind functions and helpers (`normalise`,
`parse_number`, `parse_math`) are exported too, because the textbook validator
applies the same rules to reference answers.
"""

from selftaught.checkers.builtin import (
    BUILTIN_CHECKERS,
    check_choice,
    check_exact,
    check_numeric,
    check_regex,
    check_set,
    check_symbolic,
    choice_index,
    split_set,
)
from selftaught.checkers.extract import clean_answer, extract_answer, has_answer_line
from selftaught.checkers.registry import (
    CHECKERS,
    CheckerNotRegistered,
    check_checker,
    checker_for,
    grade,
    register_checker,
    registered_kinds,
)
from selftaught.checkers.symbolic import MathParseError, ParsedMath, equivalent, parse_math
from selftaught.checkers.text import NumberFormatError, find_number, normalise, parse_number

__all__ = [
    "BUILTIN_CHECKERS",
    "CHECKERS",
    "CheckerNotRegistered",
    "MathParseError",
    "NumberFormatError",
    "ParsedMath",
    "check_checker",
    "check_choice",
    "check_exact",
    "check_numeric",
    "check_regex",
    "check_set",
    "check_symbolic",
    "checker_for",
    "choice_index",
    "clean_answer",
    "equivalent",
    "extract_answer",
    "find_number",
    "grade",
    "has_answer_line",
    "normalise",
    "parse_math",
    "parse_number",
    "register_checker",
    "registered_kinds",
    "split_set",
]
