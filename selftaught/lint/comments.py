"""Comment-level rules: checker suppressions (DT401) and allow comments (DT001).

Why comments need their own pass: suppressions and allows are not in the AST.
Both are read from `tokenize` comments (never from string literals that merely
contain ``# noqa``).

Suppressions are judged only on lines a change added: an old ``# noqa`` is
part of the baseline, a new one is a decision made in this change. A
suppression is justified when it names its codes (for the tools that have
codes) and says why in words on the same line, or on a comment-only line just
above it. ``# type: ignore`` is judged by where it sits (DT402): on a line that
states a type (a ``def`` header with annotations, an annotated or empty-container
assignment) or with a code saying annotation and code disagree, it needs a
reason; on a plain statement it is accepted, as maintainers of typed projects
do (stale ones are what mypy's ``warn_unused_ignores`` reports).

Allow comments, ``# selftaught: allow[DT101,DT102] reason``, on a finding's
line (or on a comment-only line just above it) suppress those rules there; an
allow without a reason suppresses nothing and is reported as DT001.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass

from selftaught.lint.rules import rule
from selftaught.lint.source import Finding, Source

SUPPRESSIONS: tuple[tuple[str, re.Pattern[str], bool], ...] = (
    # (tool, pattern with optional `codes` group, codes required)
    ("noqa", re.compile(r"#\s*(?:ruff:\s*|flake8:\s*)?noqa\b(?::\s*(?P<codes>[A-Z]+[0-9]+"
                        r"(?:\s*,\s*[A-Z]+[0-9]+)*))?", re.IGNORECASE), True),
    ("type: ignore", re.compile(r"#\s*type:\s*ignore\b(?P<codes>\[[^\]]*\])?"), True),
    ("pyright: ignore", re.compile(r"#\s*pyright:\s*ignore\b(?P<codes>\[[^\]]*\])?"), True),
    ("pylint: disable", re.compile(r"#\s*pylint:\s*disable(?:-next)?\s*=\s*(?P<codes>[\w\-]+"
                                   r"(?:\s*,\s*[\w\-]+)*)"), True),
    ("nosec", re.compile(r"#\s*nosec\b(?:\s*:?\s*(?P<codes>B[0-9]+(?:\s*,\s*B[0-9]+)*))?"), True),
    ("pragma: no cover", re.compile(r"#\s*pragma:\s*no\s*(?:cover|branch)\b"), False),
    ("mypy: ignore-errors", re.compile(r"#\s*mypy:\s*ignore-errors\b"), False),
)

ALLOW = re.compile(r"#\s*selftaught:\s*allow\[(?P<ids>[A-Za-z0-9_,\s]*)\](?P<reason>.*)")


@dataclass(frozen=True)
class Allow:
    """One allow comment."""

    line: int
    rules: frozenset[str]
    reason: str


def _strip_directives(comment: str) -> str:
    text = comment
    for _tool, pattern, _needs_codes in SUPPRESSIONS:
        text = pattern.sub(" ", text)
    return text.strip().lstrip("#").strip(" \t-:;,.#")


ANNOTATION_CODES = frozenset({"return", "return-value", "assignment", "override", "var-annotated",
                              "no-any-return", "valid-type", "type-var", "arg-type", "misc",
                              "no-untyped-def", "type-arg", "union-attr", "call-overload"})
"""mypy codes that say the annotation and the code disagree (the annotation may be wrong)."""

def annotation_line(src: Source, line: int) -> bool:
    """True when ``line`` states a type: a ``def`` header with annotations, an annotated
    assignment, or an assignment of an empty container (mypy asks for its type there)."""
    for node in ast.walk(src.tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            header_end = node.body[0].lineno - 1 if node.body else node.lineno
            if node.lineno <= line <= max(node.lineno, header_end):
                a = node.args
                return node.returns is not None or any(
                    x.annotation is not None for x in (*a.posonlyargs, *a.args, *a.kwonlyargs))
        elif getattr(node, "lineno", None) == line and (
                isinstance(node, ast.AnnAssign)
                or (isinstance(node, ast.Assign) and _empty_container(node.value))):
            return True
    return False


def def_header(src: Source, line: int) -> bool:
    """True when ``line`` is part of a ``def`` header (annotated or not): a bare
    ``# type: ignore`` there silences every complaint about the signature, a missing or
    wrong annotation included."""
    for node in ast.walk(src.tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            header_end = node.body[0].lineno - 1 if node.body else node.lineno
            if node.lineno <= line <= max(node.lineno, header_end):
                return True
    return False


def _empty_container(node: ast.AST) -> bool:
    if isinstance(node, ast.List | ast.Set):
        return not node.elts
    return isinstance(node, ast.Dict) and not node.keys


def _ignore_codes(match: re.Match[str]) -> set[str]:
    raw = (match.groupdict().get("codes") or "").strip("[]")
    return {c.strip() for c in raw.split(",") if c.strip()}


def suppressions(src: Source, lines: set[int]) -> Iterator[Finding]:
    """DT401 for unjustified suppression comments on ``lines``; DT402 for type-ignores
    that hide a disagreement between an annotation and the code."""
    r = rule("DT401")
    for line in sorted(lines):
        comments = src.comments.get(line, [])
        if not comments:
            continue
        full = "  ".join(comments)
        above = ""
        if line - 1 in src.comment_only_lines:
            above = " ".join(src.comments.get(line - 1, []))
        for tool, pattern, needs_codes in SUPPRESSIONS:
            for match in pattern.finditer(full):
                has_codes = bool(match.groupdict().get("codes"))
                reason = _strip_directives(full) or _strip_directives(above)
                if tool == "type: ignore":
                    codes = _ignore_codes(match)
                    if annotation_line(src, line) or codes & ANNOTATION_CODES or (
                            not codes and def_header(src, line)):
                        if not reason:
                            r2 = rule("DT402")
                            col = src.text.splitlines()[line - 1].find("#") + 1
                            yield Finding(r2.id, src.path, line, max(col, 1),
                                          f"{r2.message}: `{match.group(0).strip()}`",
                                          r2.hint, line)
                            break
                        continue
                    continue  # a plain statement: mypy's warn_unused_ignores keeps it honest
                if reason and (has_codes or not needs_codes):
                    continue
                missing = "codes and a reason" if not has_codes and needs_codes else "a reason"
                col = src.text.splitlines()[line - 1].find("#") + 1
                yield Finding(r.id, src.path, line, max(col, 1),
                              f"{r.message}: `{match.group(0).strip()}` lacks {missing}",
                              r.hint, line)
                break


def allows(src: Source) -> tuple[list[Allow], list[Finding]]:
    """All allow comments, and DT001 findings for those without a reason."""
    found: list[Allow] = []
    bad: list[Finding] = []
    r = rule("DT001")
    for line, comments in src.comments.items():
        for comment in comments:
            match = ALLOW.search(comment)
            if not match:
                continue
            ids = frozenset(i.strip().upper() for i in match.group("ids").split(",") if i.strip())
            reason = match.group("reason").strip(" \t-:;,.")
            if not reason or not ids:
                bad.append(Finding(r.id, src.path, line, 1, r.message, r.hint, line))
                continue
            found.append(Allow(line, ids, reason))
    return found, bad


def is_allowed(finding: Finding, allow_list: list[Allow], src: Source) -> bool:
    """True when an allow comment for the finding's rule sits on its first line or just above."""
    for a in allow_list:
        if finding.rule not in a.rules:
            continue
        if a.line == finding.line:
            return True
        if a.line == finding.line - 1 and a.line in src.comment_only_lines:
            return True
    return False
