"""Sizes that would exhaust the machine are refused at once, with the bound in the message."""

from __future__ import annotations

import json
from pathlib import Path

from helpers_study import TINY_BOOK
from typer.testing import CliRunner

from selftaught.cli.main import app
from selftaught.limits import MAX_CHAPTERS, MAX_SEEDS

runner = CliRunner()


def one_error_line(*args: str) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert result.exit_code == 2 and len(lines) == 1, result.output
    assert "Traceback" not in result.output
    return lines[0]


def test_a_book_with_more_chapters_than_a_study_can_probe_is_refused(tmp_path: Path) -> None:
    raw = json.loads(TINY_BOOK.read_text())
    chapters = []
    for k in range(MAX_CHAPTERS + 1):
        chapter = json.loads(json.dumps(raw["chapters"][k % len(raw["chapters"])]))
        chapter["id"] = f"k{k}-{chapter['id']}"
        for group in ("exercises", "probes"):
            for item in chapter[group]:
                item["id"] = f"k{k}-{item['id']}"
        chapters.append(chapter)
    book = tmp_path / "long.json"
    book.write_text(json.dumps({**raw, "chapters": chapters}))
    line = one_error_line("study", str(book), "--learner", "diligent", "--run-dir",
                          str(tmp_path / "run"))
    assert f"has {MAX_CHAPTERS + 1} chapters" in line and f"--chapters {MAX_CHAPTERS}" in line


def test_huge_seed_counts_name_the_bound(tmp_path: Path) -> None:
    for command in (["study", str(TINY_BOOK), "--learner", "diligent"], ["run", "--quick"]):
        line = one_error_line(*command, "--seeds", "99999999999999999999", "--run-dir",
                              str(tmp_path / "never"))
        assert f"less than or equal to {MAX_SEEDS}" in line
    assert not (tmp_path / "never").exists()


def test_train_k_and_set_values_are_checked() -> None:
    line = one_error_line("train", "-k", "999999999")
    assert "less than or equal to 1024" in line
    for value, needle in (("train_seeds=5", "train_seeds: expected a list of whole numbers"),
                          ("train_seeds=[a]", "train_seeds: expected a list of whole numbers"),
                          ('iterations="3"', "iterations: expected a whole number")):
        assert needle in one_error_line("train", "--quick", "--no-eval", "--set", value)
