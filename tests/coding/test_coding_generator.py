"""The coding textbook generator: novel, deterministic, progressive, and gradable."""

from __future__ import annotations

import ast

import pytest

from selftaught.checkers import grade
from selftaught.generators import DOMAINS, generate
from selftaught.generators.coding import FAMILIES, build_library, generate_coding
from selftaught.textbook import check_textbook, dumps_json, loads_json

SMALL_BOOK = {"chapters": 2, "exercises": 2, "probes": 2}
SANDBOX_BOOK = {"seed": 21, "chapters": 2, "exercises": 1, "probes": 1}
"""The book every sandboxed test here (and the end-to-end test) uses: grades of its
reference answers are cached in-process, so each is run in the sandbox once."""


def test_registered_as_coding_domain() -> None:
    assert DOMAINS["coding"] is generate_coding
    assert generate("coding", seed=0, chapters=1, exercises=1, probes=1).domain == "coding"


def test_deterministic_per_seed_and_different_across_seeds() -> None:
    a = dumps_json(generate_coding(seed=5, chapters=3))
    b = dumps_json(generate_coding(seed=5, chapters=3))
    c = dumps_json(generate_coding(seed=6, chapters=3))
    assert a == b
    assert a != c
    assert build_library(5).module != build_library(6).module


def test_book_is_prefix_stable() -> None:
    three = generate_coding(seed=2, chapters=3)
    two = generate_coding(seed=2, chapters=2)
    assert three.chapters[:2] == two.chapters


def test_round_trips_through_json() -> None:
    book = generate_coding(seed=3, **SMALL_BOOK)
    assert loads_json(dumps_json(book)) == book


@pytest.mark.parametrize("seed", [0, 1, 7])
def test_library_is_valid_python_with_invented_names(seed: int) -> None:
    lib = build_library(seed)
    tree = ast.parse(lib.source())
    defined = [n.name for n in tree.body if isinstance(n, ast.FunctionDef)]
    assert defined == [f.name for f in lib.functions]
    assert len(set(defined)) == len(FAMILIES)
    env = lib.namespace()
    for f in lib.functions:
        assert callable(env[f.name])


def test_chapters_introduce_functions_progressively_and_build_on_earlier_ones() -> None:
    seed = 4
    lib = build_library(seed)
    book = generate_coding(seed=seed, chapters=4, exercises=3, probes=3)
    for number, chapter in enumerate(book.chapters, start=1):
        new = lib.functions[2 * (number - 1): 2 * number]
        later = lib.functions[2 * number:]
        for f in new:
            assert f"`{f.signature}`" in chapter.exposition
        for item in (*chapter.exercises, *chapter.probes):
            assert item.checker.kind == "python-tests"
            assert item.checker.files == book.files
            assert not any(f.name in item.answer for f in later), "uses an untaught function"
            assert any(f.name in item.answer for f in new), "does not use the new functions"
        if number > 1:
            old = [f.name for f in lib.functions[: 2 * (number - 1)]]
            for group in (chapter.exercises, chapter.probes):
                assert any(any(name in item.answer for name in old) for item in group)


def test_probes_are_new_tasks_not_copies() -> None:
    book = generate_coding(seed=9, chapters=3, exercises=4, probes=4)
    for chapter in book.chapters:
        exercise_code = {e.answer for e in chapter.exercises}
        exercise_prompts = {e.prompt for e in chapter.exercises}
        for probe in chapter.probes:
            assert probe.answer not in exercise_code
            assert probe.prompt not in exercise_prompts


def test_out_of_range_counts_are_clear_errors() -> None:
    with pytest.raises(ValueError, match="exercises: 9 is out of range for coding"):
        generate_coding(seed=0, exercises=9)
    with pytest.raises(ValueError, match="chapters"):
        generate_coding(seed=0, chapters=6)


def test_references_pass_and_other_items_answers_fail_in_the_sandbox() -> None:
    book = generate_coding(**SANDBOX_BOOK)
    items = list(book.items().values())
    for i, item in enumerate(items):
        right = grade(f"Answer: {item.answer}", item)
        assert right.correct, (item.id, right.feedback)
        other = items[(i + 1) % len(items)]
        wrong = grade(other.answer, item)
        assert not wrong.correct, (item.id, other.id)


def test_conformance() -> None:
    check_textbook(generate_coding(**SANDBOX_BOOK))
