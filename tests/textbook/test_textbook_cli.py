"""`selftaught textbook validate | show | new` through a small Typer app using `register`."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from selftaught.textbook import load_textbook

FIXTURE = Path(__file__).parent / "fixtures" / "book.yaml"
runner = CliRunner()


def test_validate_ok(cli_app: typer.Typer) -> None:
    result = runner.invoke(cli_app, ["textbook", "validate", str(FIXTURE)])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{FIXTURE}: ok (2 chapters, 5 exercises, 4 probes)\n"


def test_validate_reports_conformance_problems_with_lines(
    cli_app: typer.Typer, book_text: str, tmp_path: Path
) -> None:
    text = book_text.replace(
        'prompt: How do you say "several dogs" in Blickish?',
        "prompt: Translate 'cats' into Blickish.",
    )
    path = tmp_path / "copy.yaml"
    path.write_text(text)
    line = text.splitlines().index("        prompt: Translate 'cats' into Blickish.") + 1
    result = runner.invoke(cli_app, ["textbook", "validate", str(path)])
    assert result.exit_code == 2
    assert result.stdout.strip() == (
        f"{path}:{line}: chapters[0].probes[0].prompt: copies the prompt of "
        "chapters[0].exercises[0] (c1.e1) (paraphrase the probe)"
    )
    assert "Traceback" not in result.output
    unchecked = runner.invoke(cli_app, ["textbook", "validate", "--no-check", str(path)])
    assert unchecked.exit_code == 0 and ": ok (" in unchecked.stdout


def test_show_whole_book_and_one_chapter(cli_app: typer.Typer) -> None:
    result = runner.invoke(cli_app, ["textbook", "show", str(FIXTURE), "--no-pager"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    for text in (
        "Blickish for beginners",
        "Chapter 1: Nouns",
        "Chapter 2: Sets and symbols",
        "In Blickish, a dog is",
        "Worked examples",
        "Exercises",
        "Probes (HIDDEN",
        "c2.p2",
        "choice A-C",
    ):
        assert text in out, text
    one = runner.invoke(cli_app, ["textbook", "show", str(FIXTURE), "--chapter", "2"])
    assert one.exit_code == 0
    assert "Chapter 2: Sets and symbols" in one.stdout and "Chapter 1:" not in one.stdout


def test_show_bad_chapter_and_bad_file(cli_app: typer.Typer, tmp_path: Path) -> None:
    result = runner.invoke(cli_app, ["textbook", "show", str(FIXTURE), "--chapter", "5"])
    assert result.exit_code == 2
    assert result.stdout.strip() == f"{FIXTURE}: --chapter 5: the book has chapters 1-2"
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: [\n")
    result = runner.invoke(cli_app, ["textbook", "show", str(bad)])
    assert result.exit_code == 2
    assert f"{bad}:2: (document): YAML syntax error" in result.stdout
    assert "Traceback" not in result.output


def test_new_writes_a_valid_book_deterministically(cli_app: typer.Typer, tmp_path: Path) -> None:
    generators = pytest.importorskip("selftaught.generators", reason="generators not built yet")
    domain = sorted(generators.DOMAINS)[0]
    paths = [tmp_path / "a.yaml", tmp_path / "b.yaml", tmp_path / "c.json"]
    for path in paths:
        args = ["textbook", "new", domain, "--seed", "7", "--chapters", "2", "-o", str(path)]
        result = runner.invoke(cli_app, args)
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith(f"wrote {path} (2 chapters, ")
    assert paths[0].read_bytes() == paths[1].read_bytes()
    assert load_textbook(paths[0]) == load_textbook(paths[2])
    check = runner.invoke(cli_app, ["textbook", "validate", str(paths[2])])
    assert check.exit_code == 0, check.output


def test_new_unknown_domain_and_bad_suffix(cli_app: typer.Typer, tmp_path: Path) -> None:
    generators = pytest.importorskip("selftaught.generators", reason="generators not built yet")
    result = runner.invoke(cli_app, ["textbook", "new", "klingon", "-o", str(tmp_path / "k.yaml")])
    assert result.exit_code == 2
    known = ", ".join(sorted(generators.DOMAINS))
    assert result.stdout == f"unknown domain 'klingon' (known domains: {known})\n"
    assert not (tmp_path / "k.yaml").exists()
    domain = sorted(generators.DOMAINS)[0]
    result = runner.invoke(cli_app, ["textbook", "new", domain, "-o", str(tmp_path / "k.txt")])
    assert result.exit_code == 2 and "use a .yaml, .yml, .json or .md file" in result.stdout
