"""Malformed textbooks: each kind of mistake gives one exact, line-numbered line.

Every case edits the valid fixture in one place, then checks the problem line
names the right path, says the right thing, points at the right line, and that
the CLI exits with status 2 without a traceback.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from selftaught.textbook import TextbookError, load_textbook, loads_json, loads_yaml

# (name, old text, new text, expected path, expected words, line offset from the edit or None)
CASES: list[tuple[str, str, str, str, list[str], int | None]] = [
    (
        "unknown-enum",
        "kind: exact\n          aliases",
        "kind: exakt\n          aliases",
        "chapters[0].exercises[0].checker.kind",
        [
            "unknown 'exakt' (expected one of: exact, choice, numeric, regex, set, symbolic, "
            "python-tests)"
        ],
        0,
    ),
    (
        "yaml-syntax",
        "title: Nouns",
        "title: [Nouns",
        "(document)",
        ["YAML syntax error", "fix the YAML syntax"],
        None,
    ),
    (
        "missing-field",
        '      - id: c1.e3\n        prompt: What number is "vel" plus "rop"?\n',
        "      - id: c1.e3\n",
        "chapters[0].exercises[2].answer",
        [],  # replaced below: the prompt is the missing one
        0,
    ),
    (
        "top-level-typo",
        "description: A tiny",
        "descripton: A tiny",
        "descripton",
        ["unknown field 'descripton'", "did you mean 'description'?"],
        0,
    ),
    (
        "nested-typo",
        "        skill: vocab",
        "        skil: vocab",
        "chapters[0].exercises[1].skil",
        ["unknown field 'skil'", "did you mean 'skill'?"],
        0,
    ),
    (
        "wrong-type",
        "answer: '5'" if False else 'answer: "5"',
        "answer: 5",
        "chapters[0].exercises[2].answer",
        ["expected text, got number 5", "quote it"],
        0,
    ),
    (
        "choice-not-an-option",
        "        answer: B\n",
        "        answer: fish\n",
        "chapters[0].exercises[1].answer",
        ["'fish' is not one of the options", "letter A-C"],
        0,
    ),
    (
        "regex-does-not-compile",
        "pattern: (blick|zorp)-en",
        "pattern: (blick|zorp-en",
        "chapters[0].probes[1].checker.pattern",
        ["does not compile", "fix the regular expression"],
        0,
    ),
    (
        "regex-reference-mismatch",
        "pattern: (blick|zorp)-en",
        "pattern: (blick|zorp)-a",
        "chapters[0].probes[1].answer",
        ["does not fully match the pattern"],
        -3,
    ),
    (
        "numeric-not-a-number",
        'answer: "5"',
        "answer: five",
        "chapters[0].exercises[2].answer",
        ["'five' is not a number", "3/4"],
        0,
    ),
    (
        "negative-tolerance",
        "tolerance: 0.01",
        "tolerance: -0.5",
        "chapters[0].exercises[2].checker.tolerance",
        ["must be a non-negative number, got -0.5"],
        0,
    ),
    (
        "symbolic-does-not-parse",
        "answer: x^2 + 2*x + 1",
        "answer: x^2 + 2*x +",
        "chapters[1].exercises[1].answer",
        ["not a math expression"],
        0,
    ),
    (
        "parameter-of-another-kind",
        "          kind: exact\n        skill: plural",
        "          kind: exact\n          pattern: blick.*\n        skill: plural",
        "chapters[0].probes[0].checker.pattern",
        ["'pattern' is a parameter of regex checkers", "kind is 'exact'", "set kind: regex"],
        1,
    ),
    (
        "duplicate-id",
        "id: c1.p2",
        "id: c1.e1",
        "chapters[0].probes[1].id",
        ["duplicate id 'c1.e1'", "also at chapters[0].exercises[0].id"],
        0,
    ),
    (
        "empty-prompt",
        "prompt: Give any plural Blickish noun.",
        "prompt: '   '",
        "chapters[0].probes[1].prompt",
        ["must not be blank"],
        0,
    ),
    (
        "empty-list",
        "    probes:\n      - id: c2.p1",
        "    probes: []\n    extra_probes:\n      - id: c2.p1",
        "chapters[1].probes",
        ["must not be empty (add at least one probe)"],
        0,
    ),
    (
        "duplicate-key",
        "title: Nouns",
        "title: Nouns\n    title: Names",
        "chapters[0].title",
        ["duplicate key 'title'", "remove one"],
        1,
    ),
    (
        "not-a-mapping",
        "    exercises:\n      - id: c2.e1",
        "    exercises:\n      - 42\n      - id: c2.e1",
        "chapters[1].exercises[0]",
        ["expected a mapping, got number 42"],
        1,
    ),
]


def _edit(text: str, old: str, new: str) -> tuple[str, int]:
    assert text.count(old) >= 1, old
    at = text.index(old)
    return text.replace(old, new, 1), text[:at].count("\n") + 1


@pytest.mark.parametrize(
    ("name", "old", "new", "path", "words", "offset"), CASES, ids=[c[0] for c in CASES]
)
def test_malformed_yaml_gives_one_clear_line(
    book_text: str,
    tmp_path: Path,
    cli_app: typer.Typer,
    name: str,
    old: str,
    new: str,
    path: str,
    words: list[str],
    offset: int | None,
) -> None:
    text, line = _edit(book_text, old, new)
    if name == "missing-field":
        path, words = "chapters[0].exercises[2].prompt", ["missing required field 'prompt'"]
    book = tmp_path / "book.yaml"
    book.write_text(text, encoding="utf-8")
    with pytest.raises(TextbookError) as info:
        load_textbook(book)
    mine = [p for p in info.value.problems if f": {path}: " in p]
    assert mine, info.value.problems
    problem = mine[0]
    assert problem.startswith(f"{book}:")
    for word in words:
        assert word in problem, problem
    if offset is not None:
        assert problem.startswith(f"{book}:{line + offset}: {path}: "), problem
    result = CliRunner().invoke(cli_app, ["textbook", "validate", str(book)])
    assert result.exit_code == 2, result.output
    assert problem in result.output
    assert "Traceback" not in result.output
    assert all(": " in out for out in result.output.strip().splitlines())


def test_all_problems_reported_at_once(book_text: str) -> None:
    text, _ = _edit(book_text, "kind: exact\n          aliases", "kind: exakt\n          aliases")
    text, _ = _edit(text, "description: A tiny", "descripton: A tiny")
    text, _ = _edit(text, 'answer: "5"', "answer: five")
    with pytest.raises(TextbookError) as info:
        loads_yaml(text, filename="book.yaml")
    assert len(info.value.problems) == 3
    lines = [int(p.split(":")[1]) for p in info.value.problems]
    assert lines == sorted(lines)


def test_empty_chapters_and_empty_file() -> None:
    with pytest.raises(TextbookError) as info:
        loads_yaml("id: b\ntitle: t\ndomain: custom\nchapters: []\n", filename="b.yaml")
    assert info.value.problems == [
        "b.yaml:4: chapters: must not be empty (add at least one chapter)"
    ]
    with pytest.raises(TextbookError) as info:
        loads_yaml("", filename="b.yaml")
    assert "expected a mapping of textbook fields" in info.value.problems[0]
    with pytest.raises(TextbookError) as info:
        loads_yaml("- a\n- b\n", filename="b.yaml")
    assert "got a list" in info.value.problems[0]


def _python_tests_book(tests: str | None, sha: str | None) -> str:
    checker = "kind: python-tests"
    if tests is not None:
        checker += "\n          tests: " + json.dumps(tests)
    if sha is not None:
        checker += f"\n          tests_sha256: {sha}"
    return (
        "id: b\ntitle: t\ndomain: custom\nchapters:\n  - id: c1\n    title: T\n"
        "    exposition: E\n    exercises:\n      - id: e1\n        prompt: p\n"
        "        answer: 'def f(): return 1'\n        checker:\n          "
        + checker
        + "\n    probes:\n      - id: p1\n        prompt: q\n        answer: x\n"
    )


def test_python_tests_needs_tests_and_matching_sha() -> None:
    with pytest.raises(TextbookError) as info:
        loads_yaml(_python_tests_book(None, None), filename="b.yaml")
    assert info.value.problems == [
        "b.yaml:13: chapters[0].exercises[0].checker.tests: a python-tests checker needs "
        "tests (add `tests: |` with the pytest source)"
    ]
    tests = "def test_f():\n    assert True\n"
    good = hashlib.sha256(tests.encode()).hexdigest()
    assert loads_yaml(_python_tests_book(tests, good)).chapters[0].exercises[0].checker.tests
    with pytest.raises(TextbookError) as info:
        loads_yaml(_python_tests_book(tests, "a" * 64), filename="b.yaml")
    (problem,) = info.value.problems
    assert "checker.tests_sha256: does not match the tests" in problem and good in problem


def test_file_paths_must_stay_inside_the_book(book_text: str) -> None:
    text = book_text.replace(
        "chapters:\n", "files:\n  ../evil.py: x\n  lib/ok.py: y\nchapters:\n", 1
    )
    with pytest.raises(TextbookError) as info:
        loads_yaml(text, filename="b.yaml")
    (problem,) = info.value.problems
    assert problem.startswith("b.yaml:6: files['../evil.py']: must be a relative path")


def test_json_problems_have_lines(book_text: str) -> None:
    import yaml

    data = yaml.safe_load(book_text)
    data["chapters"][0]["exercises"][0]["checker"]["kind"] = "exakt"
    text = json.dumps(data, indent=2)
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if '"kind": "exakt"' in ln)
    with pytest.raises(TextbookError) as info:
        loads_json(text, filename="b.json")
    assert info.value.problems[0].startswith(
        f"b.json:{line}: chapters[0].exercises[0].checker.kind: unknown 'exakt'"
    )
    with pytest.raises(TextbookError) as info:
        loads_json('{"id": "b",\n "title": }', filename="b.json")
    assert info.value.problems[0].startswith("b.json:2: (document): JSON syntax error")


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("missing.yaml", None, "no such file"),
        ("book.txt", "x", "unknown textbook format '.txt'"),
        ("latin1.yaml", b"id: \xe9\n", "not UTF-8"),
        ("dir.yaml", "DIR", "is a directory"),
    ],
)
def test_unreadable_files(
    tmp_path: Path, cli_app: typer.Typer, name: str, content: str | bytes | None, words: str
) -> None:
    path = tmp_path / name
    if content == "DIR":
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content)
    with pytest.raises(TextbookError, match=words):
        load_textbook(path)
    result = CliRunner().invoke(cli_app, ["textbook", "validate", str(path)])
    assert result.exit_code == 2
    assert words in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
