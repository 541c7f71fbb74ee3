"""Every reference answer grades correct with its own checker; wrong answers do not;
every generated book passes `check_textbook`."""

from __future__ import annotations

import difflib
from fractions import Fraction

import pytest

from selftaught.checkers import grade, normalise, parse_number
from selftaught.generators import generate
from selftaught.textbook import ConformanceError, check_textbook
from selftaught.types import Exercise, Textbook


def _items(book: Textbook) -> list[Exercise]:
    return [item for c in book.chapters for item in (*c.exercises, *c.probes)]


def test_reference_answers_and_aliases_grade_correct(books: list[Textbook]) -> None:
    for book in books:
        for item in _items(book):
            for accepted in (item.answer, *item.checker.aliases):
                for response in (f"Answer: {accepted}", f"Let me think.\n**Answer:** {accepted}."):
                    verdict = grade(response, item)
                    assert verdict.correct, f"{book.id} {item.id} {response!r}: {verdict.feedback}"
                    assert verdict.score == 1.0


def _wrong_answers(item: Exercise, chapter_items: list[Exercise]) -> list[str]:
    accepted = {normalise(a) for a in (item.answer, *item.checker.aliases)}
    others = [o.answer for o in chapter_items
              if o.checker.kind == item.checker.kind and normalise(o.answer) not in accepted]
    near = others[:3]
    if item.checker.kind == "numeric":
        near.append(str(parse_number(item.answer) + 1))
    else:
        words = item.answer.split()
        near.append(" ".join(reversed(words)) if len(words) > 1 else item.answer + "a")
        near.append(item.answer[:-1])
    garbage = ["", "zzz", "I do not know"]
    return garbage + [w for w in near if normalise(w) not in accepted]


def test_wrong_answers_grade_incorrect(books: list[Textbook]) -> None:
    for book in books:
        for chapter in book.chapters:
            chapter_items = [*chapter.exercises, *chapter.probes]
            for item in chapter_items:
                wrong_answers = _wrong_answers(item, chapter_items)
                assert wrong_answers
                for wrong in wrong_answers:
                    verdict = grade(f"Answer: {wrong}", item)
                    assert not verdict.correct, f"{book.id} {item.id} accepts {wrong!r}"
                    assert verdict.feedback


def test_aliases_are_variants_of_the_answer(books: list[Textbook]) -> None:
    """Aliases only vary articles, contractions or spacing; they never widen the meaning."""
    for book in books:
        for item in _items(book):
            for alias in item.checker.aliases:
                ratio = difflib.SequenceMatcher(None, alias, item.answer).ratio()
                assert alias.strip() and ratio >= 0.5, (book.id, item.id, alias, item.answer)


def test_numeric_answers_are_integers(default_books: list[Textbook]) -> None:
    for book in default_books:
        for item in _items(book):
            if item.checker.kind == "numeric":
                assert parse_number(item.answer) == Fraction(int(item.answer))
            else:
                assert item.checker.kind == "exact"


def test_generated_books_conform(books: list[Textbook]) -> None:
    for book in books:
        try:
            check_textbook(book)
        except ConformanceError as err:
            pytest.fail(f"{book.id}: {err.problems[:5]}")


@pytest.mark.parametrize("domain", ["language", "arithmetic"])
@pytest.mark.parametrize("chapters", [1, 2, 3])
def test_short_books_conform(domain: str, chapters: int) -> None:
    check_textbook(generate(domain, seed=21, chapters=chapters))
