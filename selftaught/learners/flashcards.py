r"""Flashcards: question/answer self-edits a learner makes from a lesson's glossary and examples.

Why: a small model trained on one phrasing of a fact answers that phrasing and
nothing else -- after LoRA on "What does 'zeker' mean? -> happy" SmolLM2-135M got
the practice exercises (the same phrasings as the examples) 63% right but the
probes, which ask in *other* words, 25%. A student who sees "Put 'help' into
Buler." and later "Translate into Buler: 'queen'" learns that both are the same
question and drills every word in every phrasing it has met. This module does
exactly that, from what the learner has seen and nothing else:

* `glossary` reads the lesson's definition lines (``bepam = cat``, ``cat: bepam``)
  in blocks; `word_sides` links the blocks' columns through shared words, so the
  learner knows which words are on the same side (the new language vs English)
  without being told which is which.
* `mine_template` turns a question with one quoted span into a phrasing
  (``Translate into Buler: '{x}'``) and the side its quoted text is on.
* `cards` asks every (source, target) pair in every phrasing known for its side,
  plus two generic phrasings (both directions: the reversal curse means a model
  trained on ``X = Y`` does not learn ``Y -> X``).

Everything is a pure function of text, doctested.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Sequence

Pair = tuple[str, str]
"""(source text, target text): asking about the source, the answer is the target."""

GENERIC_PHRASINGS: tuple[str, ...] = ("What does '{x}' mean?", "What is the word for '{x}'?")
"""Phrasings used for every glossary pair in both directions, whatever the book's own wording."""

_DEFINITION_RE = re.compile(
    r"^\s*(?:[-*•]\s*)?(?P<term>[^=:'\"]{1,40}?)\s*(?P<sep>=|:|\bmeans\b)\s*(?P<meaning>[^=:]{1,60}?)\s*$"
)
_QUOTED_RE = re.compile(r"'([^']+)'")
_ARTICLE_RE = re.compile(r"^(?:to|a|an|the)\s+", re.IGNORECASE)


def glossary(exposition: str) -> list[list[Pair]]:
    r"""The lesson's definition lines, as runs of (left, right) pairs in reading order.

    A run is a sequence of definition lines with the same separator; headers
    (``Nouns:``) and blank lines do not break a run, prose or a change of
    separator does -- so each run has one orientation. Left and right keep the
    lesson's own order: ``bepam = cat`` is ``('bepam', 'cat')``.

    >>> glossary("Nouns:\n  bepam = cat\n  - zize = tall\n\nFrom English:\n  cat: bepam\nProse.")
    [[('bepam', 'cat'), ('zize', 'tall')], [('cat', 'bepam')]]
    >>> glossary("a = b\nThis sentence ends the run.\nc = d")
    [[('a', 'b')], [('c', 'd')]]
    """
    runs: list[list[Pair]] = []
    current: list[Pair] = []
    separator = ""
    for line in exposition.splitlines():
        stripped = line.strip()
        match = _DEFINITION_RE.match(line)
        if match and match["meaning"] and len(match["term"].split()) <= 4:
            if current and match["sep"] != separator:
                runs.append(current)
                current = []
            separator = match["sep"]
            current.append((match["term"].strip(" '\""), match["meaning"].strip(" '\".")))
        elif not stripped or (stripped.endswith(":") and len(stripped.split()) <= 5):
            continue  # blank line or a header such as "Nouns:"
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def normalise(text: str) -> str:
    """Lower case, no surrounding punctuation, no leading article or infinitive ``to``.

    >>> normalise("To help."), normalise("'The Bird'")
    ('help', 'bird')
    """
    return _ARTICLE_RE.sub("", text.strip(" '\".,!?").lower()).strip()


def word_sides(runs: Iterable[list[Pair]]) -> dict[str, int]:
    """Which side (0 or 1) each glossary word is on, linking runs through shared words.

    In a run, all left words are on one side and all right words on the other;
    a word that appears in two columns puts them on the same side (a word list
    ``bepam = cat`` and a reverse list ``cat: bepam``). The sides are found by
    2-colouring that graph; runs that never link keep the first run's orientation.

    >>> sides = word_sides([[("bepam", "cat")], [("dog", "lupo"), ("cat", "bepam")]])
    >>> sides["bepam"] == sides["lupo"], sides["cat"] == sides["dog"], sides["cat"] != sides["lupo"]
    (True, True, True)
    """
    run_list = list(runs)
    columns_of: dict[str, list[tuple[int, int]]] = {}
    for r, run in enumerate(run_list):
        for left, right in run:
            columns_of.setdefault(normalise(left), []).append((r, 0))
            columns_of.setdefault(normalise(right), []).append((r, 1))
    edges: dict[tuple[int, int], list[tuple[tuple[int, int], int]]] = {}
    for r in range(len(run_list)):
        edges.setdefault((r, 0), []).append(((r, 1), 1))
        edges.setdefault((r, 1), []).append(((r, 0), 1))
    for columns in columns_of.values():
        for a, b in itertools.pairwise(columns):
            edges[a].append((b, 0))
            edges[b].append((a, 0))
    colour: dict[tuple[int, int], int] = {}
    for start in sorted(edges):
        if start in colour:
            continue
        colour[start] = start[1]
        queue = [start]
        while queue:
            node = queue.pop()
            for other, parity in edges[node]:
                if other not in colour:
                    colour[other] = colour[node] ^ parity
                    queue.append(other)
    sides: dict[str, int] = {}
    for word, columns in columns_of.items():
        sides[word] = colour[columns[0]]
    return sides


def side_of(text: str, sides: dict[str, int]) -> int | None:
    """The side most of the text's known words are on (None if no word is known or a tie).

    A word counts as known if it is a glossary word or contains one of at least
    three letters (an inflected form: ``goats``, ``pebepam``).

    >>> side_of("the goats help the boy", {"help": 1, "boy": 1, "goat": 1, "salur": 0})
    1
    >>> side_of("sininol salurel", {"sinin": 0, "salur": 0}), side_of("zzz", {"a": 0})
    (0, None)
    """
    votes: list[int] = []
    for token in text.split():
        word = normalise(token)
        if word in sides:
            votes.append(sides[word])
            continue
        inside = [known for known in sides if len(known) >= 3 and known in word]
        if inside:
            votes.append(sides[max(inside, key=len)])
    if not votes or votes.count(0) == votes.count(1):
        return None
    return 0 if votes.count(0) > votes.count(1) else 1


def mine_template(prompt: str) -> tuple[str, str] | None:
    """A question with exactly one quoted span, as ``(phrasing with {x}, quoted text)``.

    >>> mine_template("Translate into Buler: 'queen'")
    ("Translate into Buler: '{x}'", 'queen')
    >>> mine_template("No quotes here.") is None, mine_template("'a' and 'b'") is None
    (True, True)
    """
    spans = _QUOTED_RE.findall(prompt)
    if len(spans) != 1 or "{" in prompt or "}" in prompt:
        return None
    return prompt.replace(f"'{spans[0]}'", "'{x}'", 1), spans[0]


def translation_phrasing(prompt: str, answer: str, sides: dict[str, int]) -> tuple[str, int] | None:
    """The phrasing of a *translation* question and the side it translates from, else None.

    A question is a translation when its quoted text and its answer are on
    opposite sides; "Form the plural of 'bepam'." -> "bepamos" is not (the answer
    is no known word), so its phrasing is never used to ask for a translation.

    >>> sides = {"bepam": 0, "cat": 1}
    >>> translation_phrasing("Put 'cat' into Buler.", "bepam", sides)
    ("Put '{x}' into Buler.", 1)
    >>> translation_phrasing("Form the plural of 'bepam'.", "bepamos", sides) is None
    True
    """
    mined = mine_template(prompt)
    if mined is None:
        return None
    phrasing, quoted = mined
    source, target = side_of(quoted, sides), side_of(answer, sides)
    if source is None or target is None or source == target:
        return None
    return phrasing, source


def glossary_pairs(blocks: Iterable[list[Pair]]) -> list[Pair]:
    """Every glossary pair in both directions, without duplicates, in reading order.

    >>> glossary_pairs([[("bepam", "cat")], [("cat", "bepam")]])
    [('bepam', 'cat'), ('cat', 'bepam')]
    """
    seen: dict[tuple[str, str], Pair] = {}
    for block in blocks:
        for left, right in block:
            for pair in ((left, right), (right, left)):
                seen.setdefault((normalise(pair[0]), normalise(pair[1])), pair)
    return list(seen.values())


def lexicon(
    runs: Iterable[list[Pair]], sides: dict[str, int], categories: dict[str, str]
) -> list[tuple[str, str, str]]:
    """Glossary pairs as ``(side-0 word, side-1 word, category)``, one per side-0 word
    (the form `analogies` takes).

    >>> lexicon([[("bepam", "cat")], [("cat", "bepam")]], {"bepam": 0, "cat": 1}, {"cat": "n"})
    [('bepam', 'cat', 'n')]
    """
    out: dict[str, tuple[str, str, str]] = {}
    for left, right in glossary_pairs(runs):
        a, b = normalise(left), normalise(right)
        if sides.get(a) == 0 and sides.get(b) == 1:
            out.setdefault(a, (a, b, categories.get(a) or categories.get(b, "")))
    return list(out.values())


def cards(
    pairs: Iterable[Pair], phrasings_by_side: dict[int, set[str]], sides: dict[str, int],
    *, generic: bool = True,
) -> list[Pair]:
    """(question, answer) cards: every pair asked in every phrasing known for its source's side.

    >>> sides = {"bepam": 0, "cat": 1}
    >>> cards([("cat", "bepam")], {1: {"Put '{x}' into Buler."}}, sides, generic=False)
    [("Put 'cat' into Buler.", 'bepam')]
    >>> len(cards([("cat", "bepam"), ("bepam", "cat")], {}, sides))
    4
    """
    out: dict[str, Pair] = {}
    for source, target in pairs:
        phrasings = list(GENERIC_PHRASINGS) if generic else []
        side = side_of(source, sides)
        if side is not None:
            phrasings += sorted(phrasings_by_side.get(side, set()))
        for phrasing in phrasings:
            question = phrasing.format(x=source)
            out.setdefault(question, (question, target))
    return list(out.values())


# ---------------------------------------------------------------------- new sentences by analogy

_PAIR_IN_TEXT_RE = re.compile(r"'([^']+)'\s+is\s+'([^']+)'")
_HEADER_RE = re.compile(r"^\s*(?P<header>[^=:]{1,40}):\s*$")


def example_pairs(exposition: str) -> list[Pair]:
    """Translations the lesson gives in its prose: ``'the cat sleeps' is 'bepam zu'``.

    >>> example_pairs("Order. 'the goat likes the bird' is 'buvuk zapon pere' in Buler.")
    [('the goat likes the bird', 'buvuk zapon pere')]
    """
    return [(m[1], m[2]) for m in _PAIR_IN_TEXT_RE.finditer(exposition)]


def categories(exposition: str) -> dict[str, str]:
    r"""Each glossary word's category: the last word of the header above it (``Nouns:``).

    Words under no header, or first listed under a header that names no category
    (``From English to Buler:`` names a language), get none.

    >>> categories("Nouns:\n bepam = cat\nVerbs:\n zu = to sleep\nFrom English to X:\n cat: bepam")
    {'bepam': 'nouns', 'cat': 'nouns', 'zu': 'verbs', 'sleep': 'verbs'}
    """
    out: dict[str, str] = {}
    header = ""
    for line in exposition.splitlines():
        head = _HEADER_RE.match(line)
        if head and len(head["header"].split()) <= 5:
            words = head["header"].split()
            header = words[-1].lower() if len(words) <= 3 else ""
            continue
        match = _DEFINITION_RE.match(line)
        if match and match["meaning"] and header:
            for word in (match["term"], match["meaning"]):
                out.setdefault(normalise(word), header)
        elif line.strip():
            header = ""
    return out


IRREGULAR_PAST: dict[str, str] = {
    "be": "was", "bring": "brought", "build": "built", "buy": "bought", "catch": "caught",
    "choose": "chose", "come": "came", "do": "did", "draw": "drew", "drink": "drank",
    "drive": "drove", "eat": "ate", "fall": "fell", "feed": "fed", "feel": "felt",
    "fight": "fought", "find": "found", "fly": "flew", "forget": "forgot", "get": "got",
    "give": "gave", "go": "went", "grow": "grew", "have": "had", "hear": "heard", "hide": "hid",
    "hit": "hit", "hold": "held", "keep": "kept", "know": "knew", "lead": "led", "leave": "left",
    "lose": "lost", "make": "made", "meet": "met", "pay": "paid", "put": "put", "read": "read",
    "ride": "rode", "ring": "rang", "run": "ran", "say": "said", "see": "saw", "sell": "sold",
    "send": "sent", "shake": "shook", "sing": "sang", "sit": "sat", "sleep": "slept",
    "speak": "spoke", "stand": "stood", "steal": "stole", "swim": "swam", "take": "took",
    "teach": "taught", "tell": "told", "think": "thought", "throw": "threw", "wake": "woke",
    "wear": "wore", "win": "won", "write": "wrote",
}
"""English verbs whose past is not stem + -ed: what any speaker of English knows."""

IRREGULAR_PLURAL: dict[str, str] = {
    "wolf": "wolves", "knife": "knives", "leaf": "leaves", "thief": "thieves", "wife": "wives",
    "man": "men", "woman": "women", "child": "children", "mouse": "mice", "foot": "feet",
    "tooth": "teeth", "goose": "geese", "person": "people", "sheep": "sheep", "fish": "fish",
}
"""English nouns whose plural is not stem + -s/-es."""


def inflect(stem: str, ending: str) -> str:
    """An English word with ending ``""``, ``"s"`` or ``"ed"``, spelt by the usual rules.

    >>> [inflect("push", "s"), inflect("carry", "s"), inflect("like", "ed"), inflect("help", "ed")]
    ['pushes', 'carries', 'liked', 'helped']
    >>> inflect("find", "ed"), inflect("do", "s"), inflect("wolf", "s")
    ('found', 'does', 'wolves')
    """
    if ending == "ed" and stem in IRREGULAR_PAST:
        return IRREGULAR_PAST[stem]
    if ending == "s" and stem in IRREGULAR_PLURAL:
        return IRREGULAR_PLURAL[stem]
    if ending == "s":
        if stem.endswith(("s", "sh", "ch", "x", "z", "o")):
            return stem + "es"
        if len(stem) > 1 and stem.endswith("y") and stem[-2] not in "aeiou":
            return stem[:-1] + "ies"
        return stem + "s"
    if ending == "ed":
        if stem.endswith("e"):
            return stem + "d"
        if len(stem) > 1 and stem.endswith("y") and stem[-2] not in "aeiou":
            return stem[:-1] + "ied"
        return stem + "ed"
    return stem


def english_ending(token: str, stem: str) -> str | None:
    """The ending (``""``, ``"s"``, ``"ed"``) that makes ``token`` from ``stem``, or None.

    >>> english_ending("carries", "carry"), english_ending("saw", "see"), english_ending("go", "x")
    ('s', 'ed', None)
    """
    for ending in ("", "s", "ed"):
        if inflect(stem, ending) == token:
            return ending
    return None


def analogies(
    source: str, target: str, lexicon: list[tuple[str, str, str]], *, known_side: int,
    source_side: int, target_side: int,
    rng_choice: Callable[[Sequence[tuple[str, str, str]]], tuple[str, str, str]], count: int,
) -> list[Pair]:
    """New translation pairs made from one by swapping aligned words for others of their kind.

    ``lexicon`` holds ``(side-0 word, side-1 word, category)``; the pair's
    source and target are on ``source_side``/``target_side`` (the same side for
    a question such as "the plural of 'bepam'"). A word of the
    pair is swappable when it appears on both sides (on the known language's
    side as the word or a regular inflection of it, on the other side inside a
    word, keeping whatever was added around it). Each new pair swaps every
    swappable word for a random word of the same category (without repeats).
    This is good-enough compositional augmentation (GECA, Andreas 2020): a
    student who has seen "the goats help the boy = sinin zapones salur" writes
    "the boys help the goat = zapon sinines salur" for practice.

    >>> lex = [("bepam", "cat", "n"), ("lupo", "dog", "n"), ("zu", "sleep", "v")]
    >>> last = lambda options: options[-1]
    >>> analogies("the cats sleep", "bepamal zu", lex, known_side=1, source_side=1, target_side=0,
    ...           rng_choice=last, count=3)
    [('the dogs sleep', 'lupoal zu')]
    >>> analogies("bepam", "bepamal", lex, known_side=1, source_side=0, target_side=0,
    ...           rng_choice=last, count=3)
    [('lupo', 'lupoal')]
    """
    other_side = target_side
    src_tokens, tgt_tokens = source.split(), target.split()
    slots: list[tuple[tuple[str, str, str], int, int, str, str]] = []
    used: set[tuple[int, int]] = set()  # (0 = source / 1 = target, token index)
    for entry in sorted(lexicon, key=lambda e: -len(e[1 - known_side])):
        spots: list[tuple[int, str]] = []
        for role, (side, tokens) in enumerate(((source_side, src_tokens),
                                               (other_side, tgt_tokens))):
            word = normalise(entry[side])
            for i, token in enumerate(tokens):
                if (role, i) in used:
                    continue
                if side == known_side:
                    ending = english_ending(token.lower().strip(".,?!"), word)
                    if ending is not None:
                        spots.append((i, ending))
                        break
                elif word and word in token:
                    spots.append((i, token.replace(word, "{}", 1)))
                    break
        if len(spots) == 2:
            used.add((0, spots[0][0]))
            used.add((1, spots[1][0]))
            slots.append((entry, spots[0][0], spots[1][0], spots[0][1], spots[1][1]))
    if not slots:
        return []
    out: dict[str, Pair] = {}
    for _ in range(count * 4):
        if len(out) >= count:
            break
        new_src, new_tgt = list(src_tokens), list(tgt_tokens)
        taken: set[str] = set()
        for entry, i_src, i_tgt, form_src, form_tgt in slots:
            options = [e for e in lexicon if e[2] == entry[2] and e[0] not in taken]
            if not options:
                break
            pick = rng_choice(options)
            taken.add(pick[0])
            for side, i, form, tokens in ((source_side, i_src, form_src, new_src),
                                          (other_side, i_tgt, form_tgt, new_tgt)):
                word = normalise(pick[side])
                tokens[i] = inflect(word, form) if side == known_side else form.format(word)
        else:
            pair = (" ".join(new_src), " ".join(new_tgt))
            if pair[0] != source:
                out.setdefault(pair[0], pair)
    return list(out.values())
