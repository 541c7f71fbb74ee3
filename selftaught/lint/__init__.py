"""The duct-tape detector: finds code that hides a problem instead of solving it.

Coding agents under time pressure swallow exceptions, tamper with tests,
special-case the graded inputs and silence checkers. This package finds those
shapes with the AST (plus `tokenize` for comments), as a standalone linter
(``selftaught lint``) and as a penalty signal for rewards (`duct_tape_rate`).

Public API::

    lint_source(source, path=..., tests=None, *, added_lines=None) -> list[Finding]
    lint_paths(paths, tests=None) -> LintResult
    lint_diff(diff_text, root=".", tests=None) -> LintResult
    duct_tape_count(code, tests=None) -> int
    duct_tape_rate(codes, tests=None) -> float
    RULES  # rule id -> Rule(id, name, family, message, hint, rationale)

Rules and their rationale: `selftaught.lint.rules` (or ``selftaught lint
--list-rules``). Quality on a labelled real-world corpus: benchmarks/lint/.
"""

from selftaught.lint.engine import (
    LintInputError,
    LintResult,
    added_lines_by_file,
    duct_tape_count,
    duct_tape_rate,
    git_diff,
    lint_diff,
    lint_paths,
    lint_source,
)
from selftaught.lint.rules import RULES, Rule
from selftaught.lint.source import Finding, LintSyntaxError

__all__ = [
    "RULES",
    "Finding",
    "LintInputError",
    "LintResult",
    "LintSyntaxError",
    "Rule",
    "added_lines_by_file",
    "duct_tape_count",
    "duct_tape_rate",
    "git_diff",
    "lint_diff",
    "lint_paths",
    "lint_source",
]
