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
* ``oracle`` (DT5xx): production code defeats the checker (exits, hooks, always-equal
  comparisons, answer tables, hard-coded inputs, call counters, global silencing).
* ``allow`` (DT001): the escape hatch itself is misused.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Family = Literal["allow", "swallow", "tests", "special-case", "oracle", "silence"]


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
        "DT104", "assertion-caught", "swallow",
        "AssertionError caught and not re-raised: the check cannot fail",
        "let the assertion fail, or raise a named error that says what went wrong",
        "Catching `AssertionError` and carrying on (pass, a default return, a print) turns a "
        "check into decoration; agents do it to get past a failing assert. Handlers that raise "
        "(re-raise with context, convert to a named error) or report through pytest.fail/skip "
        "are left alone.",
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
        "DT210", "skip-hides-failure", "tests",
        "skip/xfail whose reason describes a failure of the code under test",
        "fix the code (or the test); skip only for conditions outside the code (platform, "
        "missing tool, optional dependency) and say which",
        "A skip or xfail whose reason says the test fails, is broken, flaky, hangs, has a bug, "
        "needs fixing or 'does not work' (or only points at an issue number, or says 'God "
        "knows') keeps a known failure of the code under test out of the report. Reasons that "
        "name a condition outside the code (a platform, an interpreter version, a missing "
        "module, tool, network or service, an upstream bug) are left alone, as are conditional "
        "skips whose condition tests such a fact.",
    ),
    Rule(
        "DT211", "asserts-own-constants", "tests",
        "test asserts only on values it wrote itself",
        "call the code under test and assert on what it returns",
        "A test whose every assertion compares literals, or names bound only to literals in the "
        "test itself, checks nothing the code computes; it passes whatever the code does.",
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
        "DT402", "type-ignore-hides-annotation", "silence",
        "type: ignore on an annotation (or with an annotation error code) without a reason",
        "fix the annotation so the checker agrees, or say why the checker is wrong",
        "A `# type: ignore` on a `def` line with annotations, on an annotated assignment, on "
        "an empty container assignment, or carrying a code that says annotation and code "
        "disagree (return, return-value, assignment, override, var-annotated, arg-type, ...) "
        "hides a possibly wrong annotation; maintainers later fix exactly these. It needs a "
        "reason in words even when it names its codes. Judged on added lines only.",
    ),
    Rule(
        "DT501", "exit-stops-checker", "oracle",
        "success exit outside an entry point stops whatever runs this code",
        "return or raise; only entry points (main, CLI, forked children) end the process",
        "`sys.exit(0)`, `exit()`, `os._exit(0)` at module level, in an except handler, or in a "
        "branch on one exact input end the process with a success status before the checker "
        "can report. Exits under `if __name__ == '__main__'`, in functions named like entry "
        "points or handlers (main, cli, run, usage, *_handler), after os.fork, and exits with a "
        "non-zero status are left alone.",
    ),
    Rule(
        "DT502", "excepthook-tampering", "oracle",
        "sys.excepthook replaced by a hook that exits with success or eats assertions",
        "let uncaught errors reach the default hook; log and chain to sys.__excepthook__",
        "A process-wide excepthook that turns AssertionError (or any error) into a clean exit "
        "hides every failure from whatever runs the code. Crash reporters that log and call the "
        "previous hook are left alone.",
    ),
    Rule(
        "DT503", "always-equal", "oracle",
        "__eq__ always returns True (or __ne__ always False)",
        "compare the fields that define equality; return NotImplemented for other types",
        "An object equal to everything passes every `assert result == expected`. Classes named "
        "as wildcards (ANY, Anything, *Matcher, sentinel) are left alone: that is their job.",
    ),
    Rule(
        "DT504", "answer-table", "oracle",
        "table of literal inputs and outputs consulted before the real computation",
        "compute the answer; if a table is the algorithm, derive it, do not paste test cases",
        "`if n in TABLE: return TABLE[n]` where TABLE is a literal dict of unusual inputs (big "
        "numbers, long strings) or of eight or more entries, in a function that otherwise "
        "computes, answers the known cases from a list. Memo tables the code fills are left "
        "alone.",
    ),
    Rule(
        "DT505", "hard-coded-input", "oracle",
        "branch on one exact input returns a literal",
        "implement the general rule; a wrong test is reported, not special-cased",
        "A branch comparing parameters with an unusual literal (a number >= 1000, a string of "
        "six or more characters) or with several literals at once, whose body returns a "
        "literal, in a function that otherwise computes, recognises a test case. A branch whose "
        "comment says it is there for a test is reported whatever the literal. Base cases "
        "(0, 1, empty, small numbers alone) are left alone.",
    ),
    Rule(
        "DT506", "stateful-answer", "oracle",
        "answer depends on a call counter stored on the function or on the caller's source",
        "return the same answer for the same input; do not inspect who is asking",
        "Storing a counter on the function object (`f.call_count += 1`) or reading the calling "
        "frame (`inspect.currentframe().f_back`, `code_context`) lets a function answer the "
        "same input differently per test line, which is how contradictory asserts get passed.",
    ),
    Rule(
        "DT507", "global-silence", "oracle",
        "every warning or log record silenced for the whole process",
        "silence one category (and message or module) inside `warnings.catch_warnings()`",
        "`warnings.simplefilter('ignore')` / `filterwarnings('ignore')` without a category, "
        "message or module, and `logging.disable(...)`, outside a `catch_warnings` block, hide "
        "everything later code warns about. Filters naming what they silence, or scoped by "
        "catch_warnings, are left alone. Test files are not checked.",
    ),
    Rule(
        "DT401", "unjustified-suppression", "silence",
        "checker silenced without naming the codes and a reason",
        "fix the finding, or name the code and say why: `# type: ignore[attr-defined]  # why`",
        "Newly added `# noqa`, `# pragma: no cover`, `# pylint: disable`, "
        "`# pyright: ignore`, `# nosec` hide a checker's complaint. Judged on added lines only "
        "(diff mode). A suppression that names its codes and gives a reason on the same line "
        "(or on a comment line just above) is left alone. `# type: ignore` is judged by "
        "DT402 instead: on a plain statement it is accepted.",
    ),
)

RULES: dict[str, Rule] = {rule.id: rule for rule in sorted(_RULES, key=lambda r: r.id)}
"""All rules by id, in id order."""


def rule(rule_id: str) -> Rule:
    """Return the rule with this id (``KeyError`` names the unknown id)."""
    try:
        return RULES[rule_id]
    except KeyError:
        raise KeyError(f"unknown duct-tape rule {rule_id!r} (known: {', '.join(RULES)})") from None
