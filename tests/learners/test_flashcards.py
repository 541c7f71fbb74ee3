"""Flashcards and analogies: the questions a learner drills must be *correct* questions.

The strongest check available: a generated book knows the true answer of every
question it asks. Every analogy the learner derives from the book's examples and
lesson sentences that coincides with one of the book's own items (any chapter,
any phrasing) must give that item's answer -- a wrong analogy would teach the
learner a wrong fact.
"""

from __future__ import annotations

import doctest
import random

import pytest

from selftaught.generators import generate
from selftaught.learners import flashcards as F


def test_doctests() -> None:
    result = doctest.testmod(F)
    assert result.attempted >= 10 and result.failed == 0


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_analogies_agree_with_the_book(seed: int) -> None:
    book = generate("language", seed=seed, chapters=6)
    all_sides = F.word_sides([run for ch in book.chapters for run in F.glossary(ch.exposition)])
    # (phrasing or "translate", quoted text) -> the book's answers, over all items of all chapters
    truth: dict[tuple[str, str], set[str]] = {}
    for chapter in book.chapters:
        for item in [*chapter.examples, *chapter.exercises, *chapter.probes]:
            mined = F.mine_template(item.prompt)
            if mined is not None:
                is_translation = F.translation_phrasing(item.prompt, item.answer, all_sides)
                key = ("translate" if is_translation else mined[0], mined[1])
                truth.setdefault(key, set()).add(item.answer)
    runs: list[list[F.Pair]] = []
    categories: dict[str, str] = {}
    rng = random.Random(seed)
    checked = 0
    for chapter in book.chapters:
        runs += F.glossary(chapter.exposition)
        for word, category in F.categories(chapter.exposition).items():
            categories.setdefault(word, category)
        sides = F.word_sides(runs)
        english = sides[F.normalise(book.chapters[0].examples[0].answer)] ^ 1
        lexicon = F.lexicon(runs, sides, categories)
        sources = [(m[0], m[1], ex.answer) for ex in chapter.examples
                   if (m := F.mine_template(ex.prompt)) is not None]
        sources += [("", x, y) for x, y in F.example_pairs(chapter.exposition)]
        for phrasing, quoted, answer in sources:
            source, target = F.side_of(quoted, sides), F.side_of(answer, sides)
            assert source is not None, f"{quoted!r}: no known word"
            target = source if target is None else target
            made = F.analogies(quoted, answer, lexicon, known_side=english, source_side=source,
                               target_side=target, rng_choice=rng.choice, count=30)
            kind = "translate" if source != target else phrasing
            for new_source, new_target in made:
                if (kind, new_source) in truth:
                    checked += 1
                    assert new_target in truth[(kind, new_source)], (
                        f"analogy of {quoted!r} -> {answer!r}: {new_source!r} -> {new_target!r}, "
                        f"but the book says {truth[(kind, new_source)]}"
                    )
    assert checked >= 5, f"only {checked} analogies could be checked against the book"


def test_sides_split_the_two_languages() -> None:
    chapter = generate("language", seed=5, chapters=1).chapters[0]
    sides = F.word_sides(F.glossary(chapter.exposition))
    example = chapter.examples[0]
    mined = F.mine_template(example.prompt)
    assert mined is not None
    assert sides[F.normalise(mined[1])] != sides[F.normalise(example.answer)]
    # every glossary word is on exactly one side, and both sides are used
    assert set(sides.values()) == {0, 1}


def test_only_translation_phrasings_are_reused() -> None:
    sides = {"bepam": 0, "cat": 1}
    assert F.translation_phrasing("Put 'cat' into Mepu.", "bepam", sides) == (
        "Put '{x}' into Mepu.", 1)
    assert F.translation_phrasing("Form the plural of 'bepam'.", "bepamal", sides) is None
    assert F.translation_phrasing("No quoted text.", "bepam", sides) is None
