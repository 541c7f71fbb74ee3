"""The Python API: rates for the reward penalty, errors, and the repo linting itself clean."""

from __future__ import annotations

from pathlib import Path

import pytest

from selftaught.lint import (
    LintSyntaxError,
    duct_tape_count,
    duct_tape_rate,
    lint_paths,
    lint_source,
)

BAD = "try:\n    f()\nexcept:\n    pass\n"
GOOD = "def f():\n    return 1\n"


def test_rate_is_the_fraction_of_answers_with_duct_tape():
    assert duct_tape_rate([GOOD, BAD, GOOD, GOOD]) == 0.25
    assert duct_tape_rate(BAD) == 1.0 and duct_tape_rate(GOOD) == 0.0
    assert duct_tape_count(BAD + BAD.replace("f()", "g()")) == 2


def test_rate_raises_on_unparseable_unless_skipped():
    with pytest.raises(LintSyntaxError, match="cannot parse"):
        duct_tape_rate([GOOD, "def (:"])
    assert duct_tape_rate([BAD, "def (:"], unparseable="skip") == 1.0
    with pytest.raises(ValueError, match="no answer"):
        duct_tape_rate(["def (:"], unparseable="skip")


def test_rate_uses_the_tests_for_special_casing():
    tests = "def test_a():\n    assert double(21) == 42\n"
    cheat = "def double(x):\n    if x == 21:\n        return 42\n    return 0\n"
    assert duct_tape_rate(cheat) == 0.0
    assert duct_tape_rate(cheat, tests) == 1.0


def test_syntax_error_names_the_file():
    with pytest.raises(LintSyntaxError, match=r"^pkg/x\.py:1: cannot parse"):
        lint_source("def (:\n", "pkg/x.py")


def test_selftaught_source_tree_lints_clean():
    root = Path(__file__).resolve().parents[2] / "selftaught"
    result = lint_paths([root])
    assert result.errors == []
    assert result.files > 10
    assert [f"{f.path}:{f.line}: {f.rule}" for f in result.findings] == []


def test_doctests_pass():
    import doctest

    from selftaught.lint import engine, source

    for module in (engine, source):
        failed, tried = doctest.testmod(module)
        assert tried > 0 and failed == 0, module.__name__


def test_encoding_cookie_is_honoured(tmp_path: Path):
    f = tmp_path / "latin.py"
    f.write_bytes("# -*- coding: latin-1 -*-\nNAME = 'café'\ntry:\n    f()\nexcept:\n    pass\n"
                  .encode("latin-1"))
    result = lint_paths([f])
    assert result.errors == [] and [x.rule for x in result.findings] == ["DT101"]
