"""The fictional language itself: its lexicon, its grammar, and English renderings.

Why separate from `language`: this module is the *subject* (what is true in the
language for a seed), `language` is the *course* (how chapters teach it). Tests
use `build_world` to check that later chapters only use what earlier ones taught.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from itertools import product
from typing import Literal

from selftaught.generators.common import COMMON_ENGLISH, WordForge, book_rngs

DOMAIN_SALT = 1
"""Mixed into the seed so seed N of this book and of the arithmetic book differ."""

PartOfSpeech = Literal["noun", "verb", "adjective"]

# English side of the lexicon: (singular, plural) nouns, (base, 3rd person, past) verbs.
ANIMATE_NOUNS = [
    ("cat", "cats"), ("dog", "dogs"), ("bird", "birds"), ("horse", "horses"),
    ("king", "kings"), ("queen", "queens"), ("farmer", "farmers"), ("teacher", "teachers"),
    ("girl", "girls"), ("boy", "boys"), ("friend", "friends"), ("baker", "bakers"),
    ("sailor", "sailors"), ("goat", "goats"), ("bear", "bears"), ("wolf", "wolves"),
    ("fox", "foxes"), ("doctor", "doctors"), ("monkey", "monkeys"), ("duck", "ducks"),
]
THING_NOUNS = [
    ("apple", "apples"), ("stone", "stones"), ("house", "houses"), ("boat", "boats"),
    ("tree", "trees"), ("book", "books"), ("river", "rivers"), ("cup", "cups"),
    ("door", "doors"), ("flower", "flowers"), ("star", "stars"), ("hat", "hats"),
    ("key", "keys"), ("box", "boxes"), ("basket", "baskets"), ("lamp", "lamps"),
]
VERBS = [
    ("see", "sees", "saw"), ("eat", "eats", "ate"), ("carry", "carries", "carried"),
    ("find", "finds", "found"), ("like", "likes", "liked"), ("hear", "hears", "heard"),
    ("follow", "follows", "followed"), ("help", "helps", "helped"),
    ("watch", "watches", "watched"), ("hold", "holds", "held"), ("want", "wants", "wanted"),
    ("draw", "draws", "drew"), ("take", "takes", "took"), ("push", "pushes", "pushed"),
    ("bring", "brings", "brought"), ("catch", "catches", "caught"),
]
ADJECTIVES = [
    "big", "small", "red", "old", "young", "happy", "tall", "green", "quick", "dark",
    "white", "black", "kind", "brave", "sad", "angry", "tired", "clever", "heavy", "loud",
]
ORDERS = ["SOV", "VSO", "VOS", "OSV", "OVS"]
"""Word orders a book may use; never SVO, so English order is always wrong."""
ORDER_NAMES = {"S": "subject", "V": "verb", "O": "object"}


@dataclass(frozen=True)
class Word:
    """One lexicon entry: the invented form and its English meaning."""

    fic: str
    en: str
    pos: PartOfSpeech
    chapter: int
    """The chapter whose exposition introduces it."""
    en_plural: str = ""
    en_3sg: str = ""
    en_past: str = ""
    animate: bool = False

    def gloss(self) -> str:
        """How the word's meaning is listed in the exposition."""
        return f"to {self.en}" if self.pos == "verb" else self.en


@dataclass(frozen=True)
class Sentence:
    """A transitive clause, the unit of every grammar and translation item."""

    subject: Word
    verb: Word
    obj: Word
    subject_plural: bool = False
    object_plural: bool = False
    past: bool = False
    negative: bool = False
    question: bool = False
    subject_adj: Word | None = None
    object_adj: Word | None = None


@dataclass
class LanguageWorld:
    """Everything a book teaches, drawn once per seed; chapters only *use* it."""

    name: str
    words: list[Word]
    order: str
    """E.g. ``SOV``: the order of subject, object and verb in a sentence."""
    plural_suffix: str
    past_affix: str
    past_is_prefix: bool
    negation: str
    negation_after_verb: bool
    adjective_after_noun: bool
    question: str
    question_at_start: bool
    forge: WordForge = field(repr=False)

    def lexicon(self, pos: PartOfSpeech, *, chapter: int | None = None,
                upto: int | None = None) -> list[Word]:
        """Words of one part of speech introduced in ``chapter`` (or up to ``upto``)."""
        return [
            w for w in self.words
            if w.pos == pos
            and (chapter is None or w.chapter == chapter)
            and (upto is None or w.chapter <= upto)
        ]

    def plural(self, fic: str) -> str:
        return fic + self.plural_suffix

    def past(self, fic: str) -> str:
        return self.past_affix + fic if self.past_is_prefix else fic + self.past_affix

    def noun_phrase(self, noun: Word, plural: bool, adj: Word | None) -> str:
        head = self.plural(noun.fic) if plural else noun.fic
        if adj is None:
            return head
        return f"{head} {adj.fic}" if self.adjective_after_noun else f"{adj.fic} {head}"

    def render(self, s: Sentence) -> str:
        """The sentence in the fictional language (the only correct form)."""
        verb = self.past(s.verb.fic) if s.past else s.verb.fic
        if s.negative:
            verb = (f"{verb} {self.negation}" if self.negation_after_verb
                    else f"{self.negation} {verb}")
        slots = {
            "S": self.noun_phrase(s.subject, s.subject_plural, s.subject_adj),
            "V": verb,
            "O": self.noun_phrase(s.obj, s.object_plural, s.object_adj),
        }
        text = " ".join(slots[k] for k in self.order)
        if s.question:
            text = (f"{self.question} {text}" if self.question_at_start
                    else f"{text} {self.question}")
        return text

    def order_text(self) -> str:
        return ", then ".join(ORDER_NAMES[k] for k in self.order)


# --------------------------------------------------------------------------- English side


def article(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"


def english_np(noun: Word, plural: bool, adj: Word | None) -> list[str]:
    """English renderings of a noun phrase, canonical ('the ...') first.

    >>> cat = Word("mipo", "cat", "noun", 1, en_plural="cats", animate=True)
    >>> english_np(cat, False, None)
    ['the cat', 'a cat', 'cat']
    """
    head = noun.en_plural if plural else noun.en
    bare = f"{adj.en} {head}" if adj is not None else head
    variants = [f"the {bare}"]
    if not plural:
        variants.append(f"{article(bare)} {bare}")
    variants.append(bare)
    return variants


def english_sentence(s: Sentence) -> list[str]:
    """English renderings of a sentence, canonical first (articles and contractions vary)."""
    subjects = english_np(s.subject, s.subject_plural, s.subject_adj)
    objects = english_np(s.obj, s.object_plural, s.object_adj)
    aux = "did" if s.past else ("do" if s.subject_plural else "does")
    out: list[str] = []
    if s.question:
        for subj, obj in product(subjects, objects):
            out.append(f"{aux} {subj} {s.verb.en} {obj}")
        return out
    if s.negative:
        verbs = [f"{aux} not {s.verb.en}", f"{aux}n't {s.verb.en}"]
    elif s.past:
        verbs = [s.verb.en_past]
    else:
        verbs = [s.verb.en if s.subject_plural else s.verb.en_3sg]
    for verb, subj, obj in product(verbs, subjects, objects):
        out.append(f"{subj} {verb} {obj}")
    canonical = f"{subjects[0]} {verbs[0]} {objects[0]}"
    return [canonical, *[v for v in out if v != canonical]]


def english_word(word: Word) -> list[str]:
    """Accepted English answers for a single word, canonical first."""
    if word.pos == "noun":
        return [word.en, f"the {word.en}", f"{article(word.en)} {word.en}"]
    if word.pos == "verb":
        return [word.en, f"to {word.en}", word.en_3sg]
    return [word.en]


# --------------------------------------------------------------------------- the world


def build_world(seed: int) -> LanguageWorld:
    """Draw the whole language for ``seed``: lexicon, affixes, particles, rules."""
    rng = book_rngs(seed, 0, domain=DOMAIN_SALT)[0]
    forge = WordForge(rng)
    for gloss in [*(n for pair in ANIMATE_NOUNS + THING_NOUNS for n in pair),
                  *(v for triple in VERBS for v in triple), *ADJECTIVES]:
        forge.reserve(gloss)
    name = forge.word(2).capitalize()
    animate = rng.sample(ANIMATE_NOUNS, 7)
    things = rng.sample(THING_NOUNS, 4)
    verbs = rng.sample(VERBS, 7)
    adjectives = rng.sample(ADJECTIVES, 6)

    def noun(pair: tuple[str, str], chapter: int, is_animate: bool) -> Word:
        return Word(forge.word(2), pair[0], "noun", chapter, en_plural=pair[1],
                    animate=is_animate)

    def verb(triple: tuple[str, str, str], chapter: int) -> Word:
        return Word(forge.word(2), triple[0], "verb", chapter, en_3sg=triple[1],
                    en_past=triple[2])

    words = [
        *(noun(p, 1, True) for p in animate[:4]), *(noun(p, 1, False) for p in things[:2]),
        *(verb(t, 1) for t in verbs[:4]),
        *(Word(forge.word(2), a, "adjective", 1) for a in adjectives[:2]),
        *(Word(forge.word(2), a, "adjective", 4) for a in adjectives[2:]),
        *(noun(p, 5, True) for p in animate[4:]), *(noun(p, 5, False) for p in things[2:]),
        *(verb(t, 5) for t in verbs[4:]),
    ]
    negation = forge.word(1)
    question = forge.word(1)
    surface = {w.fic for w in words} | {negation, question}
    plural_suffix = _affix(rng, surface, [w.fic for w in words if w.pos == "noun"], suffix=True)
    past_is_prefix = rng.random() < 0.5
    past_affix = _affix(rng, surface, [w.fic for w in words if w.pos == "verb"],
                        suffix=not past_is_prefix)
    return LanguageWorld(
        name=name, words=words, order=rng.choice(ORDERS), plural_suffix=plural_suffix,
        past_affix=past_affix, past_is_prefix=past_is_prefix, negation=negation,
        negation_after_verb=rng.random() < 0.5, adjective_after_noun=rng.random() < 0.5,
        question=question, question_at_start=rng.random() < 0.5, forge=forge,
    )


def _affix(rng: random.Random, surface: set[str], stems: list[str], *, suffix: bool) -> str:
    """A two-letter affix whose derived forms collide with no existing word or form."""
    for _ in range(1000):
        affix = (rng.choice("aeiou") + rng.choice("klmnrs") if suffix
                 else rng.choice("bdfkmnprstvz") + rng.choice("aeiou"))
        forms = [s + affix if suffix else affix + s for s in stems]
        if affix in COMMON_ENGLISH:
            continue
        if not surface.intersection(forms) and len(set(forms)) == len(forms):
            surface.update(forms)
            return affix
    raise RuntimeError("could not find a collision-free affix")


