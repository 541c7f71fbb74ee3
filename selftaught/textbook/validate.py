"""Textbook validation: every problem in a file as one readable line.

Textbooks are written by hand, so a bad one must be easy to fix: instead of a
pydantic traceback, the author gets one line per problem,
``FILE:LINE: PATH: message (fix)``, e.g.::

    book.yaml:41: chapters[2].exercises[0].checker.kind: unknown 'exakt' (expected one of: ...)

All problems are reported at once (not just the first), in file order. Three
passes produce them:

1. parsing -- YAML/JSON syntax errors with their line, duplicate keys (which
   YAML and JSON parsers silently resolve to the last one);
2. schema -- pydantic's errors on `selftaught.types.Textbook`, translated to
   plain words with a fix (unknown fields get a "did you mean" from difflib);
3. cross-field rules pydantic cannot express: a choice answer must be one of
   its options, a regex must compile and match its reference answer, numeric
   and symbolic answers must parse the way a response would, tolerances are
   non-negative, parameters of another checker kind are flagged by name,
   ids are unique, prompts are not blank, python-tests carry tests whose
   sha256 matches, shipped file paths stay inside the book.

Line numbers come from the YAML node marks (``yaml.compose``). JSON is parsed
with `json` and its lines are found by composing the same text as YAML (JSON is
YAML's flow syntax), best effort: when that fails, problems point at line 1.
"""

from __future__ import annotations

import difflib
import hashlib
import math
import re
from pathlib import PurePosixPath
from typing import Any

from pydantic import BaseModel, ValidationError

from selftaught.checkers.builtin import choice_index, split_set
from selftaught.checkers.symbolic import MathParseError, parse_math
from selftaught.checkers.text import NumberFormatError, normalise, parse_number
from selftaught.textbook.markdown import parse_markdown
from selftaught.textbook.parsing import (
    Format,
    LineMap,
    Loc,
    Problem,
    TextbookError,
    format_path,
    parse_json,
    parse_yaml,
)
from selftaught.types import (
    CHECKER_KINDS,
    Chapter,
    CheckerSpec,
    Exercise,
    Textbook,
    WorkedExample,
)

__all__ = [
    "KIND_PARAMETERS",
    "Problem",
    "TextbookError",
    "exercise_problems",
    "format_path",
    "line_of_path",
    "parse_textbook",
    "path_lines",
]

KIND_PARAMETERS: dict[str, frozenset[str]] = {
    "case_sensitive": frozenset({"exact", "choice", "set"}),
    "aliases": frozenset({"exact"}),
    "options": frozenset({"choice"}),
    "tolerance": frozenset({"numeric"}),
    "rel_tolerance": frozenset({"numeric"}),
    "pattern": frozenset({"regex"}),
    "separator": frozenset({"set"}),
    "tests": frozenset({"python-tests"}),
    "tests_sha256": frozenset({"python-tests"}),
    "files": frozenset({"python-tests"}),
}
"""Which checker kinds each `CheckerSpec` parameter belongs to."""


def _parse(text: str, fmt: Format) -> tuple[Any, LineMap, list[Problem]]:
    if fmt == "markdown":
        return parse_markdown(text)
    return parse_yaml(text) if fmt == "yaml" else parse_json(text)


# --- pass 2: pydantic's errors in plain words ---------------------------------------------

_CONTAINERS: dict[str, type[BaseModel]] = {
    "chapters": Chapter,
    "examples": WorkedExample,
    "exercises": Exercise,
    "probes": Exercise,
    "checker": CheckerSpec,
}


def _model_at(loc: Loc) -> type[BaseModel] | None:
    """The model class whose fields live at ``loc`` (the container of a field)."""
    model: type[BaseModel] | None = Textbook
    for part in loc:
        if isinstance(part, str):
            model = _CONTAINERS.get(part)
    return model


def _describe(value: object) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"number {value!r}"
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:37] + "...")
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__} ({value})"


def _suggest(word: str, choices: list[str]) -> str | None:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return close[0] if close else None


def _schema_problem(err: Any) -> tuple[Loc, str, bool] | None:
    """(loc, message, point-at-key) for one pydantic error; None to drop it."""
    loc: Loc = tuple(p for p in err["loc"] if p != "[key]")
    kind, value, ctx = err["type"], err.get("input"), err.get("ctx") or {}
    name = str(loc[-1]) if loc else ""
    if kind == "missing":
        return loc, f"missing required field {name!r} (add `{name}: ...`)", False
    if kind == "extra_forbidden":
        model = _model_at(loc[:-1])
        allowed = list(model.model_fields) if model else []
        guess = _suggest(name, allowed)
        hint = f"did you mean {guess!r}? " if guess else "remove it; "
        return loc, f"unknown field {name!r} ({hint}allowed: {', '.join(allowed)})", True
    if kind == "literal_error":
        expected = ", ".join(re.findall(r"'([^']*)'", ctx.get("expected", "")))
        return loc, f"unknown {_describe(value)} (expected one of: {expected})", False
    if kind == "invalid_key":
        return loc, f"keys must be text, got {_describe(value)} (quote the key)", True
    if kind == "string_type":
        fix = f"quote it: '{value}'" if isinstance(value, int | float | bool) else "write text"
        if value is None:
            fix = "write a value or remove the key"
        return loc, f"expected text, got {_describe(value)} ({fix})", False
    if kind in ("string_too_short", "too_short"):
        if kind == "too_short":
            what = {"chapters": "chapter", "exercises": "exercise", "probes": "probe"}
            item = what.get(name, "item")
            return loc, f"must not be empty (add at least one {item})", False
        return loc, "must not be empty (write some text)", False
    if kind == "model_type":
        is_kind = name == "checker" and isinstance(value, str)
        fix = f"write `checker: {{kind: {value}}}`" if is_kind else "write `key: value` lines"
        return loc, f"expected a mapping, got {_describe(value)} ({fix})", False
    if kind == "dict_type":
        return loc, f"expected a mapping, got {_describe(value)} (write `key: value` lines)", False
    if kind == "list_type":
        return loc, f"expected a list, got {_describe(value)} (write `- item` lines)", False
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return loc, f"expected a whole number, got {_describe(value)}", False
    if kind in ("float_type", "float_parsing", "finite_number"):
        return loc, f"expected a number, got {_describe(value)}", False
    if kind in ("bool_type", "bool_parsing"):
        return loc, f"expected true or false, got {_describe(value)}", False
    if kind == "value_error" and "duplicate id" in str(err.get("msg")):
        return None  # reported with its exact location by the cross-field pass
    message = str(err["msg"])
    return loc, message[:1].lower() + message[1:], False


# --- pass 3: cross-field rules -------------------------------------------------------------


def exercise_problems(item: Exercise) -> list[tuple[Loc, str]]:
    """Cross-field problems of one valid-by-schema exercise, as (relative loc, message)."""
    spec, kind = item.checker, item.checker.kind
    out: list[tuple[Loc, str]] = []
    if not item.prompt.strip():
        out.append((("prompt",), "must not be blank (write the question)"))
    if not item.answer.strip():
        out.append((("answer",), "must not be blank (write the reference answer)"))
    for param in sorted(spec.model_fields_set - {"kind"}):
        kinds = KIND_PARAMETERS.get(param, frozenset())
        if kind not in kinds:
            owners = " or ".join(k for k in CHECKER_KINDS if k in kinds)
            out.append(
                (
                    ("checker", param),
                    f"{param!r} is a parameter of {owners} checkers, but this checker's kind "
                    f"is {kind!r} (remove it, or set kind: {owners.split(' or ')[0]})",
                )
            )
    out += [(("checker", "files", name), msg) for name, msg in _path_problems(spec.files)]
    if not item.answer.strip():
        return out
    if kind == "exact":
        # Normalising strips surrounding punctuation, so an answer of only punctuation ('...')
        # would become '' and then accept any reply made of punctuation ('!').
        if not normalise(item.answer, case_sensitive=spec.case_sensitive):
            out.append((("answer",), f"{item.answer!r} is only punctuation, which the exact "
                        "checker ignores, so any punctuation would grade correct (use a regex "
                        "checker, e.g. pattern: '\\.\\.\\.')"))  # fmt: skip
        for a, alias in enumerate(spec.aliases):
            if not alias.strip():
                out.append((("checker", "aliases", a), "must not be blank (remove it)"))
            elif not normalise(alias, case_sensitive=spec.case_sensitive):
                out.append((("checker", "aliases", a), "is only punctuation, which the exact "
                            "checker ignores (remove it, or use a regex checker)"))  # fmt: skip
    elif kind == "choice":
        out += _choice_problems(item)
    elif kind == "regex":
        out += _regex_problems(item)
    elif kind == "numeric":
        try:
            parse_number(item.answer)
        except NumberFormatError:
            out.append(
                (("answer",), f"{item.answer!r} is not a number (write e.g. 12, -3.5 or 3/4)")
            )
        for param in ("tolerance", "rel_tolerance"):
            tol = getattr(spec, param)
            if tol is not None and not (math.isfinite(tol) and tol >= 0):
                out.append(
                    (("checker", param), f"must be a non-negative number, got {tol!r} (e.g. 0.01)")
                )
    elif kind == "symbolic":
        try:
            parse_math(item.answer)
        except MathParseError as err:
            out.append((("answer",), f"not a math expression: {err} (write e.g. 2*x^2 + 1)"))
    elif kind == "set":
        if not spec.separator:
            out.append((("checker", "separator"), "must not be empty (e.g. ',')"))
        elif not split_set(item.answer, spec.separator, case_sensitive=spec.case_sensitive):
            out.append((("answer",), f"no elements found (separate them with {spec.separator!r})"))
    elif kind == "python-tests":
        out += _python_tests_problems(item)
    return out


def _choice_problems(item: Exercise) -> list[tuple[Loc, str]]:
    options = item.checker.options or []
    if len(options) < 2:
        return [(("checker", "options"), "a choice checker needs at least two options "
                 "(add `options: [first, second, ...]`)")]  # fmt: skip
    cs = item.checker.case_sensitive
    seen: dict[str, int] = {}
    for i, option in enumerate(options):
        norm = normalise(option, case_sensitive=cs)
        if not norm:
            return [(("checker", "options", i), "must not be blank (write the option text)")]
        if norm in seen:
            return [
                (("checker", "options", i), f"same as option {seen[norm]} (options must differ)")
            ]
        seen[norm] = i
    if len(choice_index(item.answer, options, case_sensitive=cs)) != 1:
        last = chr(ord("A") + len(options) - 1)
        return [(("answer",), f"{item.answer!r} is not one of the options "
                 f"(use an option's text or its letter A-{last})")]  # fmt: skip
    return []


def _regex_problems(item: Exercise) -> list[tuple[Loc, str]]:
    pattern = item.checker.pattern
    if pattern is None:
        return [(("checker", "pattern"), "a regex checker needs a pattern (add `pattern: ...`)")]
    try:
        compiled = re.compile(pattern)
    except re.error as err:
        return [(("checker", "pattern"), f"does not compile: {err} (fix the regular expression)")]
    except (RecursionError, OverflowError) as err:
        return [(("checker", "pattern"), f"does not compile: {err!r} (simplify it)")]
    if compiled.fullmatch(item.answer.strip()) is None:
        return [(("answer",), f"{item.answer!r} does not fully match the pattern {pattern!r} "
                 "(fix the answer or the pattern)")]  # fmt: skip
    return []


def _python_tests_problems(item: Exercise) -> list[tuple[Loc, str]]:
    tests = item.checker.tests
    if tests is None or not tests.strip():
        return [(("checker", "tests"), "a python-tests checker needs tests "
                 "(add `tests: |` with the pytest source)")]  # fmt: skip
    digest = hashlib.sha256(tests.encode()).hexdigest()
    wanted = item.checker.tests_sha256
    if wanted is not None and wanted.lower() != digest:
        return [(("checker", "tests_sha256"), f"does not match the tests (their sha256 is "
                 f"{digest}; update it if the tests changed on purpose)")]  # fmt: skip
    return []


def _path_problems(files: dict[Any, Any]) -> list[tuple[str, str]]:
    """Shipped files must stay inside the book: relative paths, no ``..``."""
    out = []
    for name in files:
        if not isinstance(name, str):
            continue
        parts = PurePosixPath(name).parts
        if not name.strip() or name.startswith(("/", "\\")) or ".." in parts or "\\" in name:
            out.append((name, "must be a relative path inside the book (no leading '/', no '..')"))
    return out


def _cross_field(data: dict[str, Any]) -> list[tuple[Loc, str]]:
    """Rules across fields, on the raw data, so they run even when other parts are invalid."""
    out: list[tuple[Loc, str]] = []
    files = data.get("files")
    if isinstance(files, dict):
        out += [(("files", name), msg) for name, msg in _path_problems(files)]
    chapters = data.get("chapters")
    if not isinstance(chapters, list):
        return out
    first_id: dict[str, Loc] = {}

    def note_id(value: object, loc: Loc) -> None:
        if not isinstance(value, str) or not value:
            return
        if value in first_id:
            out.append(
                (
                    (*loc, "id"),
                    f"duplicate id {value!r} (also at {format_path(first_id[value])}; "
                    "ids must be unique in the whole textbook)",
                )
            )
        else:
            first_id[value] = (*loc, "id")

    for c, chapter in enumerate(chapters):
        if not isinstance(chapter, dict):
            continue
        note_id(chapter.get("id"), ("chapters", c))
        for field in ("title", "exposition"):
            value = chapter.get(field)
            if isinstance(value, str) and value and not value.strip():
                out.append((("chapters", c, field), "must not be blank (write some text)"))
        for group in ("exercises", "probes"):
            items = chapter.get(group)
            if not isinstance(items, list):
                continue
            for e, raw in enumerate(items):
                if not isinstance(raw, dict):
                    continue
                loc: Loc = ("chapters", c, group, e)
                note_id(raw.get("id"), loc)
                try:
                    item = Exercise.model_validate(raw)
                except ValidationError:
                    continue  # its schema errors are reported by pass 2
                out += [((*loc, *sub), message) for sub, message in exercise_problems(item)]
    return out


# --- the whole pipeline -------------------------------------------------------------------


def _line_of(lines: LineMap, loc: Loc, at_key: bool) -> int | None:
    if at_key or loc not in lines.value_line:
        return lines.lookup(loc, key=True) or lines.lookup(loc)
    return lines.lookup(loc)


def path_lines(text: str, fmt: Format) -> dict[str, int]:
    """Formatted path -> 1-based line of its value, for every node of a parseable file.

    Used to give line numbers to problems found after parsing (conformance).
    """
    parsed = _parse(text, fmt)
    return {format_path(loc): line for loc, line in parsed[1].value_line.items()}


def line_of_path(lines: dict[str, int], path: str) -> int | None:
    """The line of ``path`` or of its nearest ancestor in ``lines`` (from `path_lines`).

    >>> line_of_path({"chapters[0]": 5}, "chapters[0].probes[1].prompt")
    5
    """
    while path:
        if path in lines:
            return lines[path]
        cut = max(path.rfind("."), path.rfind("["))
        if cut <= 0:
            break
        path = path[:cut]
    return lines.get("(document)")


def parse_textbook(text: str, *, filename: str, fmt: Format) -> Textbook:
    """Parse and validate a textbook's text; raise `TextbookError` listing every problem."""
    data, lines, problems = _parse(text, fmt)
    if problems and data is None:
        raise TextbookError([p.format(filename) for p in problems], problems)
    if not isinstance(data, dict):
        got = "an empty file" if data is None else _describe(data)
        problem = Problem(
            "(document)",
            f"expected a mapping of textbook fields (id, title, domain, chapters, ...), got {got}",
            lines.lookup(()),
        )
        raise TextbookError([problem.format(filename)], [problem])
    book: Textbook | None = None
    try:
        book = Textbook.model_validate(data)
    except ValidationError as err:
        for error in err.errors():
            found = _schema_problem(error)
            if found is not None:
                loc, message, at_key = found
                problems.append(Problem(format_path(loc), message, _line_of(lines, loc, at_key)))
    for loc, message in _cross_field(data):
        problems.append(Problem(format_path(loc), message, _line_of(lines, loc, False)))
    if book is None and not problems:
        problems.append(Problem("(document)", "invalid textbook (run validation for details)"))
    if problems or book is None:
        unique = list(dict.fromkeys(problems))
        unique.sort(key=lambda p: p.line or 0)  # stable: same-line problems keep their order
        raise TextbookError([p.format(filename) for p in unique], unique)
    return book
