"""The Markdown authoring format: same books, prose-friendly layout, line-numbered errors."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from selftaught.textbook import (
    TextbookError,
    check_textbook,
    dumps_markdown,
    load_textbook,
    loads_markdown,
    save_textbook,
)
from selftaught.types import Textbook

FIXTURES = Path(__file__).parent / "fixtures"
MD = FIXTURES / "book.md"


def _strip_expositions(book: Textbook) -> Textbook:
    chapters = [
        c.model_copy(update={"exposition": c.exposition.strip("\n")}) for c in book.chapters
    ]
    return book.model_copy(update={"chapters": chapters})


def test_markdown_fixture_is_the_yaml_book() -> None:
    md_book = load_textbook(MD)
    yaml_book = _strip_expositions(load_textbook(FIXTURES / "book.yaml"))
    assert md_book.chapters[0] == yaml_book.chapters[0]
    assert md_book.chapters[1].exercises == yaml_book.chapters[1].exercises
    assert "# a comment line inside code is not a chapter heading" in md_book.chapters[1].exposition
    assert md_book.chapters[1].exposition.endswith("```")
    check_textbook(md_book)


def test_markdown_round_trip_is_exact(tmp_path: Path) -> None:
    text = MD.read_text(encoding="utf-8")
    book = loads_markdown(text)
    assert dumps_markdown(book) == text
    save_textbook(book, tmp_path / "b.md")
    assert (tmp_path / "b.md").read_text(encoding="utf-8") == text
    yaml_book = _strip_expositions(load_textbook(FIXTURES / "book.yaml"))
    assert loads_markdown(dumps_markdown(yaml_book)) == yaml_book


def _edit(text: str, old: str, new: str) -> tuple[str, int]:
    at = text.index(old)
    return text.replace(old, new, 1), text[:at].count("\n") + 1


@pytest.mark.parametrize(
    ("old", "new", "expected", "offset"),
    [
        (
            "    kind: choice",
            "    kind: choise",
            "chapters[0].exercises[1].checker.kind: unknown 'choise'",
            0,
        ),
        (
            "# Sets and symbols {#c2}",
            "# Sets and symbols {#c1}",
            "chapters[1].id: duplicate id 'c1'",
            0,
        ),
        (
            "  skill: vocab\n",
            "  skill: vocab\n  skill: x\n",
            "chapters[0].exercises[1].skill: duplicate key 'skill'",
            1,
        ),
        (
            "  answer: y^2 - 2y + 1",
            "  answer: y^2 - 2y +",
            "chapters[1].probes[1].answer: not a math expression",
            0,
        ),
        (
            "## Probes\n\n```yaml\n- id: c2.p1",
            "## Probes\n\n```yaml\n- id: [c2.p1",
            "chapters[1].probes: YAML syntax error",
            4,  # YAML marks the line where it noticed the problem
        ),
        (
            "---\n\n# Nouns",
            "---\nHello!\n\n# Nouns",
            "(document): text before the first chapter",
            1,
        ),
        (
            "## Exercises\n\n```yaml\n- id: c2.e1",
            "## Exercises\nSome prose.\n```yaml\n- id: c2.e1",
            "chapters[1].exercises: text outside the ```yaml block",
            1,
        ),
        (
            "title: Blickish for beginners\n",
            "titel: Blickish for beginners\n",
            "titel: unknown field 'titel' (did you mean 'title'?",
            0,
        ),
        (
            "---\nid: blickish-basics",
            "id: blickish-basics",
            "(document): missing front matter",
            None,
        ),
    ],
)
def test_markdown_problems_have_markdown_lines(
    old: str, new: str, expected: str, offset: int | None
) -> None:
    text, line = _edit(MD.read_text(encoding="utf-8"), old, new)
    with pytest.raises(TextbookError) as info:
        loads_markdown(text, filename="b.md")
    mine = [p for p in info.value.problems if expected in p]
    assert mine, info.value.problems
    if offset is not None:
        assert mine[0].startswith(f"b.md:{line + offset}: "), mine[0]


def test_missing_sections_and_bad_order() -> None:
    text = MD.read_text(encoding="utf-8")
    only_exercises = text.split("## Probes")[0]
    with pytest.raises(TextbookError) as info:
        loads_markdown(only_exercises, filename="b.md")
    assert any(
        "chapters[0].probes: missing required field 'probes'" in p for p in info.value.problems
    )
    swapped = text.replace("## Examples", "## Tmp").replace("## Probes", "## Examples", 1)
    swapped = swapped.replace("## Tmp", "## Probes")
    with pytest.raises(TextbookError) as info:
        loads_markdown(swapped, filename="b.md")
    assert any(
        "sections go in the order Examples, Exercises, Probes" in p for p in info.value.problems
    )


def test_dumps_markdown_refuses_ambiguous_expositions() -> None:
    book = load_textbook(FIXTURES / "book.yaml")
    chapter = book.chapters[0].model_copy(update={"exposition": "Intro\n# Not a chapter\nmore"})
    bad = book.model_copy(update={"chapters": [chapter, book.chapters[1]]})
    with pytest.raises(ValueError, match=r"chapters\[0\].exposition: the line '# Not a chapter'"):
        dumps_markdown(bad)


def test_cli_validates_markdown(cli_app: typer.Typer) -> None:
    result = CliRunner().invoke(cli_app, ["textbook", "validate", str(MD)])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{MD}: ok (2 chapters, 5 exercises, 4 probes)\n"


MUTATIONS = st.sampled_from(["delete", "duplicate", "junk", "truncate"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(MUTATIONS, st.integers(0, 10_000), st.text(max_size=10)), max_size=3))
def test_mangled_markdown_fails_cleanly(edits: list[tuple[str, int, str]]) -> None:
    lines = MD.read_text(encoding="utf-8").split("\n")
    for op, at, junk in edits:
        i = at % len(lines)
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "junk":
            lines.insert(i, junk)
        else:
            lines = lines[: i + 1]
        if not lines:
            lines = [""]
    try:
        loads_markdown("\n".join(lines), filename="b.md")
    except TextbookError as err:
        assert err.problems
        for problem in err.problems:
            assert problem.startswith("b.md:") and problem.count(": ") >= 2, problem
