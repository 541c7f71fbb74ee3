"""Output formats: text (one line per finding), JSON, and SARIF 2.1.0.

Why SARIF: it is what code-scanning UIs (GitHub, GitLab, IDEs) ingest, so
`selftaught lint --format sarif` drops into existing CI. The rule table in
``runs[0].tool.driver.rules`` is generated from `selftaught.lint.rules.RULES`.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any, Literal

from selftaught.lint.rules import RULES
from selftaught.lint.source import Finding

Format = Literal["text", "json", "sarif"]
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
TOOL_URI = "https://github.com/selftaught/selftaught"


def to_text(findings: list[Finding]) -> str:
    """``path:line:col: RULE message [hint]``, one per line."""
    return "\n".join(f"{f.path}:{f.line}:{f.col}: {f.rule} {f.message} [{f.hint}]"
                     for f in findings)


def to_json(findings: list[Finding], errors: list[str], files: int) -> str:
    """Findings, errors and a per-rule summary as a JSON document."""
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.rule] = counts.get(f.rule, 0) + 1
    doc = {
        "findings": [asdict(f) for f in findings],
        "errors": errors,
        "summary": {"files": files, "findings": len(findings), "by_rule": counts},
    }
    return json.dumps(doc, indent=2)


def to_sarif(findings: list[Finding], errors: list[str]) -> str:
    """A SARIF 2.1.0 log with one run: every rule, every result, and errors as notifications."""
    rule_ids = list(RULES)
    rules: list[dict[str, Any]] = [
        {
            "id": r.id,
            "name": r.name,
            "shortDescription": {"text": r.message},
            "fullDescription": {"text": r.rationale},
            "help": {"text": r.hint},
            "properties": {"family": r.family},
            "defaultConfiguration": {"level": "warning"},
        }
        for r in RULES.values()
    ]
    results = [
        {
            "ruleId": f.rule,
            "ruleIndex": rule_ids.index(f.rule),
            "level": "warning",
            "message": {"text": f"{f.message} [{f.hint}]"},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": f.path.replace("\\", "/")},
                    "region": {"startLine": f.line, "startColumn": f.col,
                               "endLine": max(f.line, f.end_line)},
                }
            }],
        }
        for f in findings
    ]
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "selftaught-lint", "informationUri": TOOL_URI,
                            "rules": rules}},
        "results": results,
        "invocations": [{
            "executionSuccessful": not errors,
            "toolExecutionNotifications": [
                {"level": "error", "message": {"text": e}} for e in errors
            ],
        }],
    }
    return json.dumps({"version": "2.1.0", "$schema": SARIF_SCHEMA, "runs": [run]}, indent=2)


def render(fmt: Format, findings: list[Finding], errors: list[str], files: int) -> str:
    """The report in ``fmt``."""
    if fmt == "json":
        return to_json(findings, errors, files)
    if fmt == "sarif":
        return to_sarif(findings, errors)
    return to_text(findings)
