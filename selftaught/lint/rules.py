"""The duct-tape rules: ids, messages, fix hints and the rationale behind each.

Why a registry of its own: every output format (text, JSON, SARIF's
``tool.driver.rules``), the ``--list-rules`` CLI view and the docs read the same
table, so a rule's id, wording and rationale cannot drift apart. The checks
themselves live next to the AST they inspect (`exceptions`, `tampering`,
`special_case`, `silencing`); they only refer to rules by id.

Families:

* ``swallow`` (DT1xx): an exception is hidden instead of handled.
* ``tests`` (DT2xx): the test suite is made unable to report a failure.
* ``special-case`` (DT3xx): the solution recognises the tests' inputs.
* ``silence`` (DT4xx): a checker is told to look away (judged on added lines).
* ``allow`` (DT001): the escape hatch itself is misused.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Family = Literal["allow", "swallow", "tests", "special-case", "silence"]


@dataclass(frozen=True)
class Rule:
    """One duct-tape rule."""

    id: str
    """Stable id, e.g. ``DT101``; used in output, allow comments and SARIF."""
    name: str
    """Short kebab-case name, e.g. ``broad-except-swallow``."""
    family: Family
    message: str
    """What was found, one line."""
    hint: str
    """How to fix it, one line."""
    rationale: str
    """Why this is duct tape and what is deliberately left alone."""


_RULES: tuple[Rule, ...] = (
    Rule(
        "DT001", "allow-without-reason", "allow",
        "`selftaught: allow[...]` comment without a reason",
        "write why the finding is acceptable: `# selftaught: allow[DT101] <reason>`",
        "An allow comment is a claim that the code is right; a claim without a reason cannot be "
        "reviewed, so a bare allow suppresses nothing and is reported itself.",
    ),
    Rule(
        "DT101", "broad-except-swallow", "swallow",
        "broad exception handler swallows every error",
        "catch the specific exceptions you expect and handle them, or let the error propagate "
        "(log and re-raise, or return an error value that carries it)",
        "A handler for bare `except:`, `Exception`, `BaseException` (directly, in a tuple or "
        "through an alias) whose body only passes, continues, breaks, returns a default "
        "(None, a literal, an empty container) or logs/prints and then carries on, hides bugs "
        "that have nothing to do with the failure the author had in mind. Precisely: a broad "
        "handler is reported only when every statement of its body is one of pass, `...`, a "
        "string, continue, break, `return` of None/a literal/an empty container, a "
        "logging/print/warnings/traceback call, or `return self.<same function>()` (skip by "
        "recursion). Any other statement counts as handling: re-raising, raising a new error, "
        "returning an error object built from the exception, setting a failure status, exiting "
        "non-zero, or doing fallback work (assigning a fallback value is treated as handling, a "
        "known blind spot). A comment does not excuse a broad swallow; use an allow comment "
        "with a reason.",
    ),
    Rule(
        "DT102", "silent-narrow-except", "swallow",
        "exception silently ignored without a reason",
        "say in a comment why ignoring this exception is correct, or handle it",
        "A narrow handler whose whole body is `pass`/`...` with no comment (on the except line, "
        "inside the handler, or on a comment-only line just above it; tool directives such as "
        "`# noqa` do not count) is indistinguishable from a failure someone did not want to look "
        "at. Handlers whose exception is a variable (`except excs:`) are the caller's choice and "
        "are left alone. Recognised idioms are left alone: "
        "optional imports (ImportError), idempotent deletes/kills/mkdirs (FileNotFoundError, "
        "FileExistsError, ProcessLookupError or OSError around unlink/remove/rmtree/kill/mkdir "
        "calls; around a read, a missing file still needs a comment), and "
        "flow-control exceptions (KeyboardInterrupt, CancelledError, StopIteration, "
        "GeneratorExit, queue.Empty).",
    ),
    Rule(
        "DT103", "broad-suppress", "swallow",
        "`suppress()` of a broad exception hides every error in the block",
        "suppress only the specific exceptions the block is expected to raise",
        "`contextlib.suppress(Exception)` (or BaseException, or an alias) is `except Exception: "
        "pass` written as a context manager.",
    ),
    Rule(
        "DT201", "unconditional-skip", "tests",
        "test skipped unconditionally without a reason",
        "fix the test, or skip on a real condition with `reason=` saying why",
        "`@pytest.mark.skip` without a reason, `pytest.skip()` without a message, "
        "`skipif(True)` and `if True: pytest.skip(...)` remove a test from the run while the "
        "suite still reports green. Skips with a reason and skips on a real condition (missing "
        "dependency, platform) are left alone. In diff mode any newly added unconditional skip "
        "is reported.",
    ),
    Rule(
        "DT202", "xfail-without-reason", "tests",
        "xfail without a reason",
        "add `reason=` naming the bug or issue, or fix the test",
        "A reason-less, usually non-strict xfail turns a failing test into a pass-like outcome "
        "that nobody will revisit.",
    ),
    Rule(
        "DT203", "assert-constant", "tests",
        "assertion on a constant can never fail",
        "assert on the behaviour under test",
        "`assert True` (or any truthy constant) checks nothing; it makes a test look like it "
        "verifies something.",
    ),
    Rule(
        "DT204", "test-without-assertion", "tests",
        "test function has no assertion",
        "assert on the result (assert, pytest.raises, self.assert*, a checking helper)",
        "A test passes when it does not raise. Heuristic: a `test*` function in a module pytest "
        "collects (test_*.py, *_test.py) is reported when it contains no `assert`, no "
        "`pytest.raises/warns/fail`, no call whose name contains "
        "assert/check/verify/expect/validate/should, and no call to a function of the same "
        "module that asserts. Tests skipped unconditionally are left to DT201.",
    ),
    Rule(
        "DT205", "exit-in-tests", "tests",
        "process exit inside tests or conftest.py",
        "let pytest finish; use pytest.exit() or fix the hang instead",
        "`sys.exit`/`os._exit`/`exit()` inside tests or conftest.py bypass pytest's reporting "
        "and teardown and can replace the real exit status. `if __name__ == '__main__'` blocks "
        "and exits inside `pytest.raises(SystemExit)` are left alone.",
    ),
    Rule(
        "DT206", "excepthook-override", "tests",
        "sys.excepthook replaced in test code",
        "remove the override; let errors reach pytest",
        "Replacing the excepthook from tests or conftest.py can hide uncaught errors.",
    ),
    Rule(
        "DT207", "outcome-rewrite", "tests",
        "pytest hook rewrites test outcomes",
        "report failures as failures; fix or xfail(reason=...) the tests instead",
        "Hooks that set a report's outcome or longrepr, force a hook result, turn exceptions "
        "into skips/xfails, or overwrite the session exit status make failing tests pass. "
        "Hooks that only read reports (the documented `rep_call` recipe) are left alone.",
    ),
    Rule(
        "DT208", "hook-deselects-tests", "tests",
        "pytest hook silently removes collected tests",
        "use skip markers with reasons so the tests stay visible in the report",
        "`pytest_collection_modifyitems` that filters `items` (or calls `pytest_deselected` "
        "with a populated list) hides tests from the run.",
    ),
    Rule(
        "DT209", "detects-pytest", "tests",
        "production code detects that it runs under pytest",
        "inject the behaviour (configuration, dependency injection) instead of detecting tests",
        "`'pytest' in sys.modules`, `PYTEST_CURRENT_TEST`, `sys._called_from_test` outside "
        "test code let the code under test behave differently when tested. Test files and "
        "conftest.py may read them.",
    ),
    Rule(
        "DT301", "special-cased-test-input", "special-case",
        "branch on a test input returns that test's expected output",
        "implement the general rule; do not recognise the graded inputs",
        "When the tests are known (`tests=`/`--tests`), a comparison of a parameter with a "
        "literal the tests pass in, whose branch returns the literal the tests expect, is "
        "special-casing.",
    ),
    Rule(
        "DT302", "test-lookup-table", "special-case",
        "lookup table keyed on the tests' inputs",
        "compute the answer instead of tabulating the graded cases",
        "A dict literal whose keys are inputs of the known tests and whose values are their "
        "expected outputs (two or more pairs) is a table of answers.",
    ),
    Rule(
        "DT401", "unjustified-suppression", "silence",
        "checker silenced without naming the codes and a reason",
        "fix the finding, or name the code and say why: `# type: ignore[attr-defined]  # why`",
        "Newly added `# noqa`, `# type: ignore`, `# pragma: no cover`, `# pylint: disable`, "
        "`# pyright: ignore`, `# nosec` hide a checker's complaint. Judged on added lines only "
        "(diff mode). A suppression that names its codes and gives a reason on the same line "
        "(or on a comment line just above) is left alone.",
    ),
)

RULES: dict[str, Rule] = {rule.id: rule for rule in _RULES}
"""All rules by id, in id order."""


def rule(rule_id: str) -> Rule:
    """Return the rule with this id (``KeyError`` names the unknown id)."""
    try:
        return RULES[rule_id]
    except KeyError:
        raise KeyError(f"unknown duct-tape rule {rule_id!r} (known: {', '.join(RULES)})") from None
