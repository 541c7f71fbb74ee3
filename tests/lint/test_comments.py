"""DT401 suppressions on added lines, and `selftaught: allow[...]` comments (DT001)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("line", [
    "import os  # noqa",
    "import os  # noqa: F401",
    "if WINDOWS:  # pragma: no cover\n    f()",
    "x = f()  # pylint: disable=no-member",
    "x = f()  # pyright: ignore",
    "x = eval(s)  # nosec",
])
def test_added_unjustified_suppression_fires(line, rules):
    assert rules(line + "\n", added_lines={1}) == ["DT401"]


@pytest.mark.parametrize("line", [
    "import os  # noqa: F401 - re-exported for plugins",
    "os.startfile(p)  # type: ignore[attr-defined]  # Windows-only stdlib member",
    "if WINDOWS:  # pragma: no cover - only runs on Windows\n    f()",
    "x = f()  # pylint: disable=no-member  # generated attribute",
])
def test_added_justified_suppression_is_silent(line, rules):
    assert rules(line + "\n", added_lines={1}) == []


@pytest.mark.parametrize("line", [
    "x = f()  # type: ignore",
    "x = f()  # type: ignore[attr-defined]",
])
def test_type_ignore_on_a_plain_statement_is_left_to_mypy(line, rules):
    # maintainers of typed projects keep these for years (independent set, `type-ignore`
    # family); mypy's warn_unused_ignores reports the stale ones
    assert rules(line + "\n", added_lines={1}) == []


@pytest.mark.parametrize("line", [
    "def f(x) -> int:  # type: ignore",
    "y: int = g()  # type: ignore[assignment]",
    "x = f()  # type: ignore[return-value]",
    "self.items = []  # type: ignore[var-annotated]",
])
def test_type_ignore_hiding_an_annotation_fires(line, rules):
    code = line + ("\n    ...\n" if line.startswith("def") else "\n")
    assert rules(code, added_lines={1}) == ["DT402"]


def test_type_ignore_on_an_annotation_with_a_reason_is_silent(rules):
    code = "def f(x) -> int:  # type: ignore[override]  # base class is wrongly typed\n    ...\n"
    assert rules(code, added_lines={1}) == []


def test_reason_on_comment_line_above_counts(rules):
    code = ("# mypy cannot see the plugin-generated attribute\n"
            "x = f()  # type: ignore[attr-defined]\n")
    assert rules(code, added_lines={1, 2}) == []


def test_suppression_not_added_is_not_judged(rules):
    assert rules("import os  # noqa\n") == []
    assert rules("import os  # noqa\ny = 1\n", added_lines={2}) == []


def test_noqa_inside_a_string_is_not_a_comment(rules):
    assert rules("s = 'x  # noqa'\n", added_lines={1}) == []


def test_allow_with_reason_suppresses_that_rule_only(rules):
    code = ("try:\n    f()\nexcept Exception:  # selftaught: allow[DT101] top-level guard, "
            "logged by the caller\n    pass\n")
    assert rules(code) == []
    other = "try:\n    f()\nexcept Exception:  # selftaught: allow[DT102] wrong rule\n    pass\n"
    assert rules(other) == ["DT101"]


def test_allow_on_the_line_above(rules):
    code = ("# selftaught: allow[DT103] shutdown must not fail, errors logged by atexit\n"
            "import contextlib\nwith contextlib.suppress(Exception):\n    f()\n")
    assert rules(code) == ["DT103"]  # not directly above the finding
    code = ("import contextlib\n# selftaught: allow[DT103] shutdown must not fail\n"
            "with contextlib.suppress(Exception):\n    f()\n")
    assert rules(code) == []


def test_bare_allow_is_a_finding_and_suppresses_nothing(rules):
    code = "try:\n    f()\nexcept Exception:  # selftaught: allow[DT101]\n    pass\n"
    assert sorted(rules(code)) == ["DT001", "DT101"]
