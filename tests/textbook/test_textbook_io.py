"""The file format: round-trip exact (YAML and JSON), deterministic, readable, atomic saves."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selftaught import fileio
from selftaught.textbook import (
    TextbookError,
    dumps_json,
    dumps_yaml,
    load_textbook,
    loads_json,
    loads_yaml,
    save_textbook,
)
from selftaught.types import Chapter, CheckerSpec, Exercise, Textbook, WorkedExample

FIXTURE = Path(__file__).parent / "fixtures" / "book.yaml"


def test_yaml_round_trip_is_exact() -> None:
    book = load_textbook(FIXTURE)
    text = dumps_yaml(book)
    again = loads_yaml(text)
    assert again == book
    assert dumps_yaml(again) == text
    assert dumps_json(again) == dumps_json(book)


def test_json_round_trip_is_exact() -> None:
    book = load_textbook(FIXTURE)
    text = dumps_json(book)
    again = loads_json(text)
    assert again == book
    assert dumps_json(again) == text
    assert dumps_yaml(again) == dumps_yaml(book)


def test_written_yaml_is_readable() -> None:
    text = dumps_yaml(load_textbook(FIXTURE))
    assert text.startswith("id: blickish-basics\ntitle: Blickish for beginners\ndomain: custom\n")
    assert "    exposition: |\n      In Blickish, a dog is a" in text  # literal block
    assert "seed:" not in text and "version:" not in text  # defaults omitted
    assert "case_sensitive" not in text
    assert text.count("kind: ") == 9  # every exercise and probe names its checker kind
    assert "answer: '5'" in text  # a numeric-looking string stays a string


def test_hand_fixture_reads_back_unchanged() -> None:
    """The fixture is written in the canonical layout, so dumping it reproduces it."""
    assert dumps_yaml(load_textbook(FIXTURE)).replace("answer: '5'", 'answer: "5"').replace(
        "prompt: Which word means dog? (A) zorp (B) blick (C) tam",
        'prompt: "Which word means dog? (A) zorp (B) blick (C) tam"',
    ) == FIXTURE.read_text(encoding="utf-8")


def _book(exposition: str, prompt: str, answer: str, files: dict[str, str]) -> Textbook:
    item = Exercise(id="e1", prompt=prompt, answer=answer)
    probe = Exercise(id="p1", prompt="probe " + prompt, answer=answer, skill=answer)
    chapter = Chapter(
        id="c1",
        title="T",
        exposition=exposition,
        examples=[WorkedExample(prompt=prompt, solution=exposition, answer=answer)],
        exercises=[item],
        probes=[probe],
    )
    return Textbook(
        id="b", title="t", domain="custom", seed=3, description=exposition, files=files,
        chapters=[chapter],
    )  # fmt: skip


TRICKY = [
    "yes",
    "null",
    "1.0",
    "  leading spaces",
    "trailing space \nnext",
    "tab\there",
    "two\n\nblank\n\n\n",
    "windows\r\nline",
    "| pipe",
    "# hash",
    "ünïcödé ✓ 中文",
    "- dash",
    "key: value",
    "\x7f control",
    "nel\x85line",
    "sep\u2028line",
]


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_strings_round_trip(text: str) -> None:
    book = _book(text, text, text, {text: text})
    for dump, load in ((dumps_yaml, loads_yaml), (dumps_json, loads_json)):
        dumped = dump(book)
        again = load(dumped)
        assert again == book
        assert dump(again) == dumped


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(min_size=1, max_size=80).filter(str.strip),
    st.text(min_size=1, max_size=40).filter(str.strip),
    st.dictionaries(st.text(min_size=1, max_size=8), st.text(max_size=20), max_size=2),
)
def test_any_text_round_trips(text: str, prompt: str, files: dict[str, str]) -> None:
    book = _book(text, prompt, "blick", files)
    dumped = dumps_yaml(book)
    try:
        again = loads_yaml(dumped)
    except TextbookError as err:  # only the files-path rule may reject random names
        assert all(": files[" in p for p in err.problems), err.problems
        return
    assert again == book
    assert dumps_yaml(again) == dumped
    assert loads_json(dumps_json(book)) == book


def test_checker_parameters_round_trip() -> None:
    spec = CheckerSpec(kind="numeric", tolerance=1e-9, rel_tolerance=0.25)
    item = Exercise(id="e1", prompt="n?", answer="3/4", checker=spec)
    book = load_textbook(FIXTURE)
    chapter = book.chapters[0].model_copy(update={"exercises": [item]})
    book = book.model_copy(update={"chapters": [chapter, book.chapters[1]]})
    assert loads_yaml(dumps_yaml(book)) == book
    assert "tolerance: 1.0e-09" in dumps_yaml(book)


def test_save_is_atomic_and_by_suffix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book = load_textbook(FIXTURE)
    for name in ("b.yaml", "b.yml", "b.json"):
        save_textbook(book, tmp_path / "sub" / name)
        assert load_textbook(tmp_path / "sub" / name) == book
    assert (tmp_path / "sub" / "b.json").read_text().startswith('{\n  "id": "blickish-basics"')
    target = tmp_path / "sub" / "b.yaml"
    before = target.read_bytes()

    def crash(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(fileio.os, "replace", crash)
    other = book.model_copy(update={"title": "changed"})
    with pytest.raises(OSError, match="disk full"):
        save_textbook(other, target)
    assert target.read_bytes() == before  # the old file is untouched
    assert sorted(os.listdir(tmp_path / "sub")) == ["b.json", "b.yaml", "b.yml"]  # no temp left


def test_save_rejects_unknown_suffix(tmp_path: Path) -> None:
    with pytest.raises(TextbookError, match=r"unknown textbook format '\.txt'"):
        save_textbook(load_textbook(FIXTURE), tmp_path / "b.txt")
    assert not list(tmp_path.iterdir())
