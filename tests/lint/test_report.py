"""Output formats: text lines, JSON, and SARIF 2.1.0 structure."""

from __future__ import annotations

import json

from selftaught.lint import RULES, lint_source
from selftaught.lint.report import render

CODE = "try:\n    f()\nexcept:\n    pass\n"


def test_text_format_is_path_line_col_rule_message_hint():
    findings = lint_source(CODE, "pkg/a.py")
    line = render("text", findings, [], 1)
    assert line.startswith("pkg/a.py:3:1: DT101 broad exception handler swallows")
    assert line.endswith("]") and "[catch the specific" in line


def test_json_format_round_trips():
    doc = json.loads(render("json", lint_source(CODE, "a.py"), ["b.py:1: cannot parse"], 1))
    assert doc["findings"][0]["rule"] == "DT101" and doc["findings"][0]["line"] == 3
    assert doc["errors"] == ["b.py:1: cannot parse"]
    assert doc["summary"] == {"files": 1, "findings": 1, "by_rule": {"DT101": 1}}


def test_sarif_has_the_2_1_0_shape():
    doc = json.loads(render("sarif", lint_source(CODE, "a.py"), [], 1))
    assert doc["version"] == "2.1.0" and "sarif-2.1.0" in doc["$schema"]
    run = doc["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(RULES)
    assert all(r["shortDescription"]["text"] and r["fullDescription"]["text"] for r in rules)
    [result] = run["results"]
    assert result["ruleId"] == "DT101"
    assert rules[result["ruleIndex"]]["id"] == "DT101"
    loc = result["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "a.py"
    assert loc["region"]["startLine"] == 3 and loc["region"]["startColumn"] == 1
    assert run["invocations"][0]["executionSuccessful"] is True


def test_sarif_reports_errors_as_notifications():
    doc = json.loads(render("sarif", [], ["x.py:2: cannot parse as Python"], 0))
    inv = doc["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False
    assert inv["toolExecutionNotifications"][0]["message"]["text"].startswith("x.py:2")
