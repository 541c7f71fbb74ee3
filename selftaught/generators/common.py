"""Shared machinery of the procedural textbook generators.

Why this module exists: every generator must (1) invent words no model has seen,
(2) be byte-identical for a seed in every process, and (3) split what it teaches
into practice exercises and *parallel-form* probes that never copy an exercise.
Doing those three things once, here, keeps each generator a readable description
of its subject.

Determinism rules followed everywhere in `selftaught.generators`:

* randomness comes only from `random.Random` instances seeded with integers
  (never the global `random`, never `hash()` of a string, never iteration over a
  `set` of strings, whose order depends on ``PYTHONHASHSEED``);
* each chapter gets its own RNG, drawn up front from the book's RNG, so a book
  generated with ``chapters=6`` starts with exactly the chapters of ``chapters=4``.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from selftaught.types import Chapter, CheckerSpec, Exercise, WorkedExample

GENERATOR_VERSION = "1"
"""Bumped whenever a generator's output for a given seed changes."""

MAX_ITEMS = 10
"""Most exercises (and most probes) a generated chapter can have."""

CONSONANTS = "bdfklmnprstvz"
"""Letters starting a syllable; no c/q/x/h/j/w/y so spelling equals pronunciation."""
VOWELS = "aeiou"
CODAS = "lmnrsk"
"""Letters allowed to close a syllable."""

_COMMON_ENGLISH_TEXT = """
    a able about after again age ago air all also am an and any are area arm art as ask at
    away baby back bad bake baker bale ball band bank bar bare base bat be bear bed been
    before being bell belt below bend best bet big bike bill bin bird bit bite boa boat
    bode body bold bole bone book bore born boss both box bus but buy by cab cake came can
    car care case cat cave dame dale dam dare date day deal dear deb debt dele demo den
    dime dine dire dive do doe dole dome done dos dose dot dove down due duke dune dupe
    dusk each ear east eat else end even ever eye fable face fade fake fall fame far fare
    fast fate fear fed fee feel felt fen few file fin find fine fire fit five foe fold
    fond for fore form fort four free from fuel fun fuse fuss gala game gave get go god
    gone good got had half has hat have he her here him his home i if in into is it its
    kale keen keep kelp kid kill kilo kin kind king kit kite koala lab lad lady lake lam
    lame land lane lark last late lava law lay led lemon let lid lie life like lime limo
    line lion lip lit live lobe lode lone long look lore lose lost lot love lure made make
    male mama man mane many mare mark mars mask mass mat mate me meal men menu mere mesa
    met mile mime mine mire miss mist mob mode mole monk mood moon more most mud mule muse
    must my name nap near neck need net new next no node none nor nose not note now nun
    nut of off old on one only or our out over pad pal pale pan papa par pare park part
    pass past pat pave pea peak pear peel pen per pest pet pile pin pine pit pod pole poll
    pond poor pope pore pork pose post pot pub pun pure purse put rake ram ran rare rat
    rate raven ready red refer relay remit ride rim ripe rise risk rob robe robin rod rode
    role roll ropes rose rot rub rude rule run sake sale same sand sane sat save saw say
    sea see seem self sell send set she sine sir sit site six sod soda sofa sole solo
    some son soon sore sort sun sure take tale talk tame tan tape tar tarot task tea ten
    tend term test than that the them then there these they this tide tile time tin tip
    to toe told tole tomato tone too top topaz tore torso total tote tub tuba tulip tuna
    tune two under up us use van vase vat vet veto via vile vine visa vote was we well
    were what when who why will with woman year yes yet you zebra zen zero zone zoo
    robot radar razor salad lilo nemo mono mini maxi demon denim venom melon medal metal
    model modem motel motor moral mural navel novel panel pedal petal pilot polo pony
    puma rebel relic rumor rotor sinus solar sonar tenor timid tonal tumor tutor vapor
    viral vital vocal zebu kimono kiwi bikini banana lasagna karate salami safari sumo
    tofu tuba emu domino piano radio studio patio
    ad ah ax ba da di ex fa ha hi ho id ka la lo ma mi mu na ne nu oh ok ox pa pi re so ta
    te ti ya yo
"""
COMMON_ENGLISH: frozenset[str] = frozenset(_COMMON_ENGLISH_TEXT.split())
"""Common English words an invented word must not be (a small built-in list: the
syllable shapes used make most other real words impossible to hit)."""


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance between two short words.

    >>> edit_distance("mipo", "mipa"), edit_distance("tal", "talu"), edit_distance("ab", "ab")
    (1, 1, 0)
    """
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


class WordForge:
    """Invents pronounceable words that are unique, mutually distinct and not English.

    Every word it returns differs from every earlier one by at least
    ``min_distance`` edits, so a learner can tell them apart.

    >>> forge = WordForge(random.Random(7))
    >>> words = [forge.word(2) for _ in range(5)]
    >>> len(set(words)) == 5 and not any(w in COMMON_ENGLISH for w in words)
    True
    """

    def __init__(self, rng: random.Random, *, min_distance: int = 2) -> None:
        self._rng = rng
        self._min_distance = min_distance
        self.used: list[str] = []
        """Every word invented (or reserved) so far, in order."""

    def reserve(self, word: str) -> None:
        """Forbid ``word`` and anything too close to it (e.g. an already-chosen form)."""
        self.used.append(word)

    def _syllable(self, *, closed: bool) -> str:
        syllable = self._rng.choice(CONSONANTS) + self._rng.choice(VOWELS)
        return syllable + self._rng.choice(CODAS) if closed else syllable

    def word(self, syllables: int, *, min_length: int = 2) -> str:
        """A new word of ``syllables`` syllables; only the last may be closed (CVC)."""
        for _ in range(10_000):
            parts = [self._syllable(closed=False) for _ in range(syllables - 1)]
            parts.append(self._syllable(closed=self._rng.random() < 0.4))
            candidate = "".join(parts)
            if len(candidate) >= min_length and self.acceptable(candidate):
                self.used.append(candidate)
                return candidate
        raise RuntimeError(f"could not invent a new {syllables}-syllable word (vocabulary full)")

    def acceptable(self, candidate: str) -> bool:
        """True if ``candidate`` is not English and far enough from every used word."""
        if candidate in COMMON_ENGLISH:
            return False
        return all(edit_distance(candidate, w) >= self._min_distance for w in self.used)


@dataclass(frozen=True)
class Draft:
    """An exercise or probe before it gets its id (``c{n}.e{i}`` / ``c{n}.p{i}``)."""

    prompt: str
    answer: str
    checker: CheckerSpec
    skill: str


def exact(answer: str, aliases: Sequence[str] = ()) -> CheckerSpec:
    """An `exact` (normalised, case-insensitive) checker with extra accepted answers."""
    extra = [a for a in dict.fromkeys(aliases) if a != answer]
    return CheckerSpec(kind="exact", aliases=extra)


def numeric() -> CheckerSpec:
    """A `numeric` checker for integer answers (the default tiny tolerance)."""
    return CheckerSpec(kind="numeric")


def check_counts(*, chapters: int, max_chapters: int, exercises: int, probes: int) -> None:
    """Raise one clear `ValueError` when a generator parameter is out of range."""
    if not 1 <= chapters <= max_chapters:
        raise ValueError(f"chapters: {chapters} is out of range (use 1..{max_chapters})")
    for name, value in (("exercises", exercises), ("probes", probes)):
        if not 1 <= value <= MAX_ITEMS:
            raise ValueError(f"{name}: {value} is out of range (use 1..{MAX_ITEMS} per chapter)")


def book_rngs(seed: int, chapters: int, *, domain: int) -> tuple[
    random.Random, list[random.Random]
]:
    """The RNG that draws a book's world, and one independent RNG per chapter.

    All are drawn up front from ``random.Random(seed * 256 + domain)`` (``domain``
    is a generator's own number below 256 -- language 1, arithmetic 2, coding 3 -- so
    seed N of two domains differs), so
    chapter 3 is the same whether the book has 3 chapters or 6 (prefix-stable).
    """
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ValueError(f"seed: {seed!r} is not a non-negative integer (use e.g. --seed 0)")
    if not 0 <= domain < 256:
        raise ValueError(f"domain salt {domain} must be in 0..255")
    seeds = random.Random(seed * 256 + domain)
    world = random.Random(seeds.getrandbits(64))
    return world, [random.Random(seeds.getrandbits(64)) for _ in range(chapters)]


def quote(text: str) -> str:
    """Quote a word or sentence inside a prompt."""
    return f"'{text}'"


@dataclass(frozen=True)
class Wording:
    """Paraphrased templates for one kind of item: exercises, probes and worked examples
    never share a template, so a probe is never a re-worded copy of what was studied."""

    exercise: tuple[str, ...]
    probe: tuple[str, ...]
    example: str

    def say(self, rng: random.Random, *, probe: bool, **fields: object) -> str:
        """Fill a template (drawn with ``rng``) from the exercise or the probe set."""
        return rng.choice(self.probe if probe else self.exercise).format(**fields)


@dataclass
class ChapterParts:
    """What a chapter builder writes; `assemble_chapter` gives the items their ids."""

    title: str
    exposition: str
    examples: list[WorkedExample]
    exercises_E: list[Draft]
    probes_P: list[Draft]


def assemble_chapter(
    number: int,
    title: str,
    exposition: str,
    examples: list[WorkedExample],
    exercises_E: Sequence[Draft],
    probes_P: Sequence[Draft],
) -> Chapter:
    """Give drafts their ids and build the `Chapter`; refuse a probe that copies an exercise."""
    exercise_prompts = {d.prompt for d in exercises_E}
    for probe in probes_P:
        if probe.prompt in exercise_prompts:
            raise RuntimeError(f"generator bug: probe copies exercise prompt {probe.prompt!r}")
    return Chapter(
        id=f"c{number}",
        title=title,
        exposition=exposition,
        examples=examples,
        exercises=[_item(f"c{number}.e{i}", d) for i, d in enumerate(exercises_E, start=1)],
        probes=[_item(f"c{number}.p{i}", d) for i, d in enumerate(probes_P, start=1)],
    )


def assemble_parts(number: int, parts: ChapterParts) -> Chapter:
    """`assemble_chapter` for a builder's `ChapterParts`."""
    return assemble_chapter(number, parts.title, parts.exposition, parts.examples,
                            parts.exercises_E, parts.probes_P)


def _item(item_id: str, draft: Draft) -> Exercise:
    return Exercise(
        id=item_id,
        prompt=draft.prompt,
        answer=draft.answer,
        checker=draft.checker,
        skill=draft.skill,
    )


def split_directions(count: int, n_exercises: int, n_probes: int) -> tuple[
    list[tuple[int, bool]], list[tuple[int, bool]]
]:
    """Choose (fact index, forward?) pairs for exercises and for probes.

    Facts are things taught in both directions (a word and its meaning, a digit
    and its name). Exercises drill facts ``0..n_exercises-1``, two in three in the
    forward direction. Probes never repeat an exercise pair: they alternate
    between a drilled fact asked the *other* way round and an undrilled fact
    (taught only in the exposition). Deterministic; shuffle the facts first.

    >>> split_directions(4, 2, 3)
    ([(0, True), (1, True)], [(0, False), (2, True), (1, False)])
    """
    if n_exercises + n_probes > 2 * count:
        raise ValueError(
            f"{n_exercises} exercises + {n_probes} probes need more than {count} facts"
        )
    exercises = [(i, i % 3 != 2) for i in range(min(n_exercises, count))]
    # More exercises than facts: drill the remaining facts the other way round.
    exercises += [(i, i % 3 == 2) for i in range(n_exercises - len(exercises))]
    used = set(exercises)
    reversed_drills = [(i, not fwd) for i, fwd in exercises if (i, not fwd) not in used]
    undrilled = [(i, i % 2 == 0) for i in range(count) if (i, True) not in used
                 and (i, False) not in used]
    undrilled_other = [(i, not fwd) for i, fwd in undrilled]
    probes: list[tuple[int, bool]] = []
    for pair in _interleave(reversed_drills, undrilled) + undrilled_other:
        if pair not in used and pair not in probes:
            probes.append(pair)
    return exercises, probes[:n_probes]


def _interleave(a: list[tuple[int, bool]], b: list[tuple[int, bool]]) -> list[tuple[int, bool]]:
    out: list[tuple[int, bool]] = []
    for i in range(max(len(a), len(b))):
        out.extend(x[i] for x in (a, b) if i < len(x))
    return out
