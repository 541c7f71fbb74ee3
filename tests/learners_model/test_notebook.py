"""The notebook: relevance order, token budget, persistence."""

from __future__ import annotations

from pathlib import Path

import pytest

from selftaught.learners.notebook import Note, Notebook


def _words(text: str) -> int:
    return len(text.split())


@pytest.fixture
def notebook() -> Notebook:
    nb = Notebook()
    for text in ["blick means dog", "zarn means house", "plural nouns take -en", "a ⊕ b = 2a + b"]:
        nb.add(Note(text=text, source="study:c1", chapter=1))
    return nb


def test_retrieves_relevant_notes_first(notebook: Notebook) -> None:
    found = notebook.retrieve("What is blick in English? blick", 100, _words)
    assert found[0].text == "blick means dog"


def test_symbols_are_terms(notebook: Notebook) -> None:
    assert [n.text for n in notebook.retrieve("compute 3 ⊕ 4", 100, _words)] == ["a ⊕ b = 2a + b"]


def test_unrelated_query_gets_nothing(notebook: Notebook) -> None:
    assert notebook.retrieve("quantum chromodynamics", 100, _words) == []


def test_budget_is_respected(notebook: Notebook) -> None:
    found = notebook.retrieve("blick zarn means", 4, _words)
    assert sum(_words(n.text) + 1 for n in found) <= 4
    assert len(found) == 1


def test_duplicates_are_kept_once(notebook: Notebook) -> None:
    notebook.add(Note(text="blick means dog", source="feedback:c1.e1", chapter=1))
    assert sum(n.text == "blick means dog" for n in notebook.notes) == 1


def test_save_load_round_trip(notebook: Notebook, tmp_path: Path) -> None:
    notebook.save(tmp_path / "notes.json")
    assert Notebook.load(tmp_path / "notes.json") == notebook


def test_corrupt_file_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "notes.json"
    bad.write_text("{not json")
    with pytest.raises(ValueError, match=r"notes\.json"):
        Notebook.load(bad)


def test_negative_budget_raises(notebook: Notebook) -> None:
    with pytest.raises(ValueError, match="budget"):
        notebook.retrieve("blick", -1, _words)
