"""The ``flashcards`` strategy: the previous learner's glossary cards, kept as a baseline.

It reads the layout of the generated fictional-language books (``x = y`` glossary
lines, ``Nouns:`` headers, one single-quoted span per question; see
`selftaught.learners.flashcards`), so it is optional and off by default: no headline
number depends on it. The ``flashcards`` kind (examples + feedback + this) reproduces
the learner the language-book numbers were first measured with.

All its state (glossary runs, word sides, categories, phrasings met) is recomputed
from the `StudyLog`, so it needs no saved state of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from selftaught.learners import flashcards as F
from selftaught.learners.model.strategies import (
    STRATEGIES,
    Derived,
    SelfEdit,
    StudyContext,
    qa,
)
from selftaught.types import Chapter, Exercise, Grade


@dataclass(frozen=True)
class _Glossary:
    runs: list[list[tuple[str, str]]]
    sides: dict[str, int]
    categories: dict[str, str]
    phrasings: dict[int, set[str]]


def _glossary(ctx: StudyContext, answered: Sequence[tuple[str, str]]) -> _Glossary:
    runs = [run for ch in ctx.log.chapters for run in F.glossary(ch["exposition"])]
    sides = F.word_sides(runs)
    categories: dict[str, str] = {}
    for ch in ctx.log.chapters:
        for word, category in F.categories(ch["exposition"]).items():
            categories.setdefault(word, category)
    phrasings: dict[int, set[str]] = {}
    for prompt, answer in answered:
        found = F.translation_phrasing(prompt, answer, sides)
        if found is not None:
            phrasings.setdefault(found[1], set()).add(found[0])
    return _Glossary(runs, sides, categories, phrasings)


class Flashcards:
    """Glossary pairs asked in every translation phrasing met, both ways, plus analogies."""

    name = "flashcards"

    def from_chapter(self, chapter: Chapter, number: int, ctx: StudyContext) -> Derived:
        g = _glossary(ctx, ctx.log.answered)
        cards = F.cards(F.glossary_pairs(g.runs), g.phrasings, g.sides)
        items: list[tuple[str, str] | tuple[None, str, str]] = [
            (ex.prompt, ex.answer) for ex in chapter.examples
        ]
        items += [(None, x, y) for x, y in F.example_pairs(chapter.exposition)]
        cards += self._item_cards(items, g, ctx)
        return Derived(edits=[qa(q, a, number, self.name) for q, a in cards])

    def from_feedback(
        self, item: Exercise, grade: Grade, number: int, ctx: StudyContext
    ) -> Derived:
        del grade
        before = _glossary(ctx, ctx.log.answered[:-1])
        g = _glossary(ctx, ctx.log.answered)
        cards: list[tuple[str, str]] = []
        if sum(map(len, g.phrasings.values())) > sum(map(len, before.phrasings.values())):
            # A new way of asking: drill every known word in every phrasing again.
            cards += F.cards(F.glossary_pairs(g.runs), g.phrasings, g.sides, generic=False)
        cards += self._item_cards([(item.prompt, item.answer)], g, ctx)
        return Derived(edits=[qa(q, a, number, self.name) for q, a in cards
                              if q != item.prompt])

    def _item_cards(
        self, items: Sequence[tuple[str, str] | tuple[None, str, str]], g: _Glossary,
        ctx: StudyContext,
    ) -> list[tuple[str, str]]:
        """Each item itself, both directions of a translation, and its analogies."""
        known = _known_side(g.sides, ctx)
        lexicon = F.lexicon(g.runs, g.sides, g.categories)
        out: list[tuple[str, str]] = []
        for item in items:
            if len(item) == 2:
                mined = F.mine_template(item[0])
                if mined is None:
                    continue
                phrasing: str | None = mined[0]
                quoted, answer = mined[1], item[1]
            else:
                phrasing, quoted, answer = None, item[1], item[2]
            source = F.side_of(quoted, g.sides)
            target = F.side_of(answer, g.sides)
            if source is None:
                continue
            target = source if target is None else target
            pairs = [(quoted, answer)]
            if known is not None and ctx.analogies:
                pairs += F.analogies(
                    quoted, answer, lexicon, known_side=known, source_side=source,
                    target_side=target, rng_choice=ctx.rng.choice, count=ctx.analogies,
                )
            if source != target:
                pairs += [(b, a) for a, b in pairs]
                out += F.cards(pairs, g.phrasings, g.sides, generic=False)
            elif phrasing is not None:
                out += [(phrasing.format(x=q), a) for q, a in pairs]
        return out


def _known_side(sides: dict[str, int], ctx: StudyContext) -> int | None:
    """The side in the language the model already speaks: fewer tokens per word."""
    cost_S: dict[int, list[int]] = {0: [], 1: []}
    for word, side in sides.items():
        cost_S[side].append(ctx.count_tokens(" " + word))
    if not cost_S[0] or not cost_S[1]:
        return None
    mean_0 = sum(cost_S[0]) / len(cost_S[0])
    mean_1 = sum(cost_S[1]) / len(cost_S[1])
    return None if mean_0 == mean_1 else (0 if mean_0 < mean_1 else 1)


STRATEGIES["flashcards"] = Flashcards
__all__ = ["Flashcards", "SelfEdit"]
