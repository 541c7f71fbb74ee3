"""Later chapters build on earlier ones, and the book's text supports every answer.

Two kinds of check: (1) each chapter uses only words, forms and operators taught
in it or before it, and chapters after the first do use earlier material;
(2) independent "students" that read only the book's text (word lists, rules,
formulas) reproduce the reference answers -- so the answers are learnable from
the book, not just consistent with the generator's internals.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from selftaught.generators import generate
from selftaught.generators.arithmetic import build_world as arithmetic_world
from selftaught.generators.common import COMMON_ENGLISH, edit_distance
from selftaught.generators.language_world import (
    ADJECTIVES,
    ANIMATE_NOUNS,
    THING_NOUNS,
    VERBS,
    LanguageWorld,
)
from selftaught.generators.language_world import build_world as language_world
from selftaught.types import Chapter

SEEDS = (0, 1, 2, 3, 4, 5)

ENGLISH = {
    *(w for pair in ANIMATE_NOUNS + THING_NOUNS for w in pair),
    *(w for triple in VERBS for w in triple), *ADJECTIVES,
    "the", "a", "an", "to", "do", "does", "did", "not", "don't", "doesn't", "didn't",
}


def _fictional_tokens_known_by(world: LanguageWorld, chapter: int) -> set[str]:
    """Every fictional word form a student knows after ``chapter`` chapters."""
    known: set[str] = set()
    for word in world.words:
        if word.chapter > chapter:
            continue
        known.add(word.fic)
        if word.pos == "noun" and chapter >= 2:
            known.add(world.plural(word.fic))
        if word.pos == "verb" and chapter >= 3:
            known.add(world.past(word.fic))
    if chapter >= 3:
        known.add(world.negation)
    if chapter >= 6:
        known.add(world.question)
    return known


def _answer_tokens(chapter: Chapter) -> list[str]:
    return [t for item in (*chapter.exercises, *chapter.probes) for t in item.answer.split()]


@pytest.mark.parametrize("seed", SEEDS)
def test_language_chapters_use_only_what_was_taught(seed: int) -> None:
    world = language_world(seed)
    book = generate("language", seed=seed, chapters=6)
    for number, chapter in enumerate(book.chapters, start=1):
        known = _fictional_tokens_known_by(world, number)
        for token in _answer_tokens(chapter):
            assert token in known or token in ENGLISH, (seed, chapter.id, token)
        later = _fictional_tokens_known_by(world, 6) - known
        text = " ".join([chapter.exposition, *(e.prompt for e in chapter.examples),
                         *(i.prompt for i in (*chapter.exercises, *chapter.probes))])
        words_in_text = set(re.findall(r"[a-z]+", text))
        assert not (later & words_in_text) - ENGLISH, (seed, chapter.id, later & words_in_text)


@pytest.mark.parametrize("seed", SEEDS)
def test_language_later_chapters_need_chapter_one(seed: int) -> None:
    world = language_world(seed)
    book = generate("language", seed=seed, chapters=6)
    chapter_one = {w.fic for w in world.words if w.chapter == 1}
    stems = {w.fic: w.fic for w in world.words}
    for word in world.words:
        stems[world.plural(word.fic)] = word.fic
        stems[world.past(word.fic)] = word.fic
    for number, chapter in enumerate(book.chapters[1:], start=2):
        items = [*chapter.exercises, *chapter.probes]
        using = [i for i in items
                 if any(stems.get(t) in chapter_one
                        for t in re.findall(r"[a-z]+", f"{i.answer} {i.prompt}"))]
        # Chapters 2 and 3 teach rules only: every item applies them to chapter 1's words.
        assert len(using) == len(items) if number <= 3 else len(using) >= 2, (seed, chapter.id)


def test_language_words_are_invented_unique_and_distinct() -> None:
    for seed in SEEDS:
        world = language_world(seed)
        words = [w.fic for w in world.words] + [world.negation, world.question]
        assert len(set(words)) == len(words)
        for i, a in enumerate(words):
            assert a not in COMMON_ENGLISH and a not in ENGLISH, (seed, a)
            assert re.fullmatch(r"[a-z]+", a)
            for b in words[i + 1:]:
                assert edit_distance(a, b) >= 2, (seed, a, b)
        forms = {world.plural(w.fic) for w in world.words if w.pos == "noun"}
        forms |= {world.past(w.fic) for w in world.words if w.pos == "verb"}
        assert not forms & set(words)


# --------------------------------------------------------------------------- a reading student


def _lexicon(exposition: str) -> dict[str, str]:
    """English -> fictional, read from a word list in the exposition."""
    return {en: fic for fic, en in re.findall(r"^\s+([a-z]+) = (?:to )?([a-z]+)$", exposition,
                                                re.MULTILINE)}


def _translate_chapter_two(book_text: list[str], english: str) -> str:
    """Translate a present-tense English sentence using only chapters 1-2's text."""
    c1, c2 = book_text
    lexicon = _lexicon(c1)
    suffix = re.search(r"add the ending -([a-z]+)", c2)
    order = re.search(r"puts the (\w+), then (\w+), then (\w+)\.", c2)
    assert suffix and order
    singular = {p: s for s, p in ANIMATE_NOUNS + THING_NOUNS}
    base = {third: b for b, third, _ in VERBS}

    def noun(word: str) -> str:
        if word in lexicon:
            return lexicon[word]
        return lexicon[singular[word]] + suffix.group(1)

    words = english.split()
    assert words[0] == "the" and words[3] == "the", english
    verb = lexicon[base.get(words[2], words[2])]
    slots = {"subject": noun(words[1]), "verb": verb, "object": noun(words[4])}
    return " ".join(slots[role] for role in order.groups())


@pytest.mark.parametrize("seed", SEEDS)
def test_a_student_reading_chapters_one_and_two_translates_their_sentences(seed: int) -> None:
    book = generate("language", seed=seed, chapters=2)
    text = [c.exposition for c in book.chapters]
    checked = 0
    for item in (*book.chapters[1].exercises, *book.chapters[1].probes):
        quoted = re.findall(r"'([^']*)'", item.prompt)
        if item.skill == "word-order" and len(quoted[0].split()) == 5 and \
                quoted[0].startswith("the "):
            assert _translate_chapter_two(text, quoted[0]) == item.answer, item.prompt
            checked += 1
    assert checked >= 4


class _Student:
    """Computes invented operators from the *text* of their definitions in the book."""

    PYTHON_OPS = ("@", "%", "//")

    def __init__(self, definitions: list[str]) -> None:
        self.rules: dict[str, tuple[str, str]] = {}
        for definition in definitions:
            match = re.fullmatch(r"a (\S) b = (.+)", definition)
            assert match, definition
            self.rules[match.group(1)] = (self.PYTHON_OPS[len(self.rules)], match.group(2))

    def python(self, text: str) -> str:
        text = text.replace("×", "*")
        for symbol, (op, _) in self.rules.items():
            text = text.replace(symbol, op)
        return text

    def value(self, expression: str) -> int:
        student = self

        class N(int):
            def _apply(self, other: int, symbol: str) -> N:
                _, formula = student.rules[symbol]
                return N(eval(student.python(formula), {"N": N}, {"a": self, "b": N(other)}))

            def __add__(self, other: int) -> N:
                return N(int(self) + int(other))

            def __sub__(self, other: int) -> N:
                return N(int(self) - int(other))

            def __mul__(self, other: int) -> N:
                return N(int(self) * int(other))

            __rmul__ = __mul__
            __radd__ = __add__

        symbols = list(self.rules)
        methods: dict[str, Callable[[N, int], N]] = {
            "__matmul__": lambda s, o: s._apply(o, symbols[0]),
        }
        if len(symbols) > 1:
            methods["__mod__"] = lambda s, o: s._apply(o, symbols[1])
        if len(symbols) > 2:
            methods["__floordiv__"] = lambda s, o: s._apply(o, symbols[2])
        for name, fn in methods.items():
            setattr(N, name, fn)
        code = re.sub(r"\d+", lambda m: f"N({m.group(0)})", self.python(expression))
        return int(eval(code, {"N": N}))


def _definitions(chapters: list[Chapter]) -> list[str]:
    found: list[str] = []
    for chapter in chapters:
        for definition in re.findall(r"a \S b = [^:.]+(?=\.)", chapter.exposition):
            if definition not in found:
                found.append(definition)
    return found


@pytest.mark.parametrize("seed", SEEDS)
def test_a_student_reading_the_definitions_computes_every_operator_answer(seed: int) -> None:
    book = generate("arithmetic", seed=seed, chapters=6)
    checked = 0
    for number in (3, 4, 6):
        chapter = book.chapters[number - 1]
        definitions = _definitions(book.chapters[:number])
        assert len(definitions) == {3: 1, 4: 2, 6: 3}[number], definitions
        student = _Student(definitions)
        for item in (*chapter.exercises, *chapter.probes):
            expression = re.search(r"\d+ \S \d+", item.prompt)
            assert expression, item.prompt
            assert student.value(expression.group(0)) == int(item.answer), (seed, item.id)
            checked += 1
    assert checked == 48


@pytest.mark.parametrize("seed", SEEDS)
def test_arithmetic_later_chapters_use_earlier_words_and_operators(seed: int) -> None:
    world = arithmetic_world(seed)
    book = generate("arithmetic", seed=seed, chapters=6)
    c1, c2, c3, c4, c5, c6 = book.chapters
    digit_words = set(world.digits)
    assert digit_words <= set(re.findall(r"[a-z]+", c1.exposition))
    o1, o2, o3 = (op.symbol for op in world.ops)
    for item in (*c2.exercises, *c2.probes):  # bigger numbers are spelled with digit words
        spelled = item.answer if item.checker.kind == "exact" else re.findall(r"'(.*)'",
                                                                              item.prompt)[0]
        assert set(spelled.split("-")) <= digit_words, item
    assert o1 in c3.exposition and o2 not in c3.exposition
    assert f"a {o2} b = " in c4.exposition and o1 in c4.exposition.split(f"a {o2} b = ")[1]
    definition3 = c6.exposition.split(f"a {o3} b = ")[1].splitlines()[0]
    assert o1 in definition3 or o2 in definition3
    for item in (*c5.exercises, *c5.probes):  # words + the first operator
        assert o1 in item.prompt
        words_used = set(re.findall(r"'([a-z]+)'", item.prompt)) | set(item.answer.split("-"))
        assert words_used & digit_words, item


def test_arithmetic_digit_words_are_invented_and_distinct() -> None:
    for seed in SEEDS:
        digits = arithmetic_world(seed).digits
        assert len(set(digits)) == 10
        for i, a in enumerate(digits):
            assert a not in COMMON_ENGLISH and re.fullmatch(r"[a-z]{3,}", a)
            for b in digits[i + 1:]:
                assert edit_distance(a, b) >= 2


@pytest.mark.parametrize("seed", SEEDS)
def test_a_student_reading_chapters_one_to_three_answers_chapter_five(seed: int) -> None:
    """Chapter 5 needs chapter 1's digit words, chapter 2's spelling rule and chapter 3's
    operator; a student using only those texts gets every answer."""
    book = generate("arithmetic", seed=seed, chapters=5)
    c1, c2, c3, _, c5 = book.chapters
    digits = {word: int(d) for d, word in re.findall(r"^\s+(\d) = ([a-z]+)$", c1.exposition,
                                                      re.MULTILINE)}
    words = {d: word for word, d in digits.items()}
    ones_first = "from the ones digit up" in c2.exposition
    assert ones_first != ("from the highest digit down" in c2.exposition)

    def spell(n: int) -> str:
        spelled = [words[int(d)] for d in str(n)]
        return "-".join(reversed(spelled) if ones_first else spelled)

    student = _Student(_definitions([c3]))
    for item in (*c5.exercises, *c5.probes):
        match = re.search(r"'?([a-z]+|\d)'? (\S) '?([a-z]+|\d)'?", item.prompt)
        assert match, item.prompt
        a, symbol, b = match.groups()
        assert symbol in student.rules, item.prompt
        operands = [str(digits[x]) if x in digits else x for x in (a, b)]
        value = student.value(f"{operands[0]} {symbol} {operands[1]}")
        expected = str(value) if item.checker.kind == "numeric" else spell(value)
        assert item.answer == expected, (seed, item.id, item.prompt)
