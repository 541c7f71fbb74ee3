"""The invented-arithmetic textbook: new number words, then new operators.

Why invented arithmetic: the skills (reading a number system, applying a
definition, composing definitions) are ones a model has, but every symbol,
word and formula here is drawn from a seed, so the answers cannot be recalled
from pretraining -- they must be learned from the book. Chapters depend on
each other: two-digit numbers are spelled with chapter 1's digit words, the
second operator is defined through the first, and chapter 5 asks for the first
operator's results spelled in the invented number words.

Free-form numeric and word answers keep the pre-test near chance (~0%).
Probes use operand pairs (or numbers, or directions) the exercises never used,
with results no exercise of the same skill had, in different wording.

The flavour of chapter 4 for one seed (symbols and formulas differ per seed)::

    >>> book = generate_arithmetic(seed=5, chapters=4)
    >>> print(book.chapters[3].exposition.splitlines()[0].split("): ")[1])
    a ⊕ b = (a ◇ b) + (b ◇ a).
    >>> print(book.chapters[3].examples[0].solution)
    1 ⊕ 4 = (1 ◇ 4) + (4 ◇ 1). 1 ◇ 4 = 1×4 + 1 = 5. 4 ◇ 1 = 4×1 + 4 = 8. So 1 ⊕ 4 = 13.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from selftaught.generators.common import (
    GENERATOR_VERSION,
    ChapterParts,
    Draft,
    WordForge,
    Wording,
    assemble_parts,
    book_rngs,
    check_counts,
    exact,
    numeric,
    quote,
    split_directions,
)
from selftaught.types import Chapter, Textbook, WorkedExample

MAX_CHAPTERS = 6
"""Chapters this generator can write: digit words, bigger numbers, first operator,
second operator, operators in words, third operator."""

DOMAIN_SALT = 2
"""Mixed into the seed so seed N of this book and of the language book differ."""

SYMBOLS = ["⊕", "⊗", "⊙", "⊛", "◇", "★", "△", "♦", "⊞", "⊠", "☆", "⊘"]

Expr = str | int | tuple[str, "Expr", "Expr"]
"""A formula: ``"a"``/``"b"`` (operands), an integer, or ``(op, left, right)`` where
``op`` is ``+``, ``-``, ``×`` or an invented operator's symbol."""

OPERAND_MAX = (9, 5, 5)
"""Operands of the first, second and third operator's items run from 0 to this."""
MIN_DISTINCT_RESULTS = 18
"""An operator must give at least this many different results on its operand range."""
MAX_RESULT = 150
"""...and no result bigger than this (short answers are easier to learn)."""

_BASIC = {"+": 1, "-": 1, "×": 2}
"""Built-in operations and their precedence (for parentheses when rendering)."""


@dataclass(frozen=True)
class Operator:
    """An invented binary operator, defined by a formula over ``a`` and ``b``."""

    symbol: str
    formula: Expr

    def definition(self) -> str:
        return f"a {self.symbol} b = {render(self.formula)}"


def render(expr: Expr, env: dict[str, int] | None = None) -> str:
    """Write a formula the way a textbook would (operands substituted from ``env``).

    >>> render(("+", ("×", 2, "a"), "b")), render(("×", 3, ("+", "a", "b")), {"a": 1, "b": 2})
    ('2×a + b', '3×(1 + 2)')
    >>> render(("⊕", ("⊕", "a", "b"), "a"))
    '(a ⊕ b) ⊕ a'
    """
    if isinstance(expr, str):
        return str(env[expr]) if env is not None else expr
    if isinstance(expr, int):
        return str(expr)
    op, left, right = expr

    def side(child: Expr, is_right: bool) -> str:
        text = render(child, env)
        if isinstance(child, tuple):
            inner = _BASIC.get(child[0], 3)
            outer = _BASIC.get(op, 0)
            if op not in _BASIC or child[0] not in _BASIC or inner < outer or (
                    is_right and op == "-" and inner == outer):
                return f"({text})"
        return text

    if op == "×":
        return f"{side(left, False)}×{side(right, True)}"
    return f"{side(left, False)} {op} {side(right, True)}"


def evaluate(expr: Expr, env: dict[str, int], ops: dict[str, Operator],
             steps: list[str] | None = None) -> int:
    """Value of a formula; each invented-operator application is appended to ``steps``.

    >>> plus = Operator("⊕", ("+", ("×", 2, "a"), "b"))
    >>> steps: list[str] = []
    >>> evaluate(("⊕", ("⊕", "a", "b"), "a"), {"a": 2, "b": 3}, {"⊕": plus}, steps), steps
    (16, ['2 ⊕ 3 = 2×2 + 3 = 7', '7 ⊕ 2 = 2×7 + 2 = 16'])
    """
    if isinstance(expr, str):
        return env[expr]
    if isinstance(expr, int):
        return expr
    op, left, right = expr
    x = evaluate(left, env, ops, steps)
    y = evaluate(right, env, ops, steps)
    if op == "+":
        return x + y
    if op == "-":
        return x - y
    if op == "×":
        return x * y
    inner = {"a": x, "b": y}
    value = evaluate(ops[op].formula, inner, ops, steps)
    if steps is not None:
        steps.append(f"{x} {op} {y} = {render(ops[op].formula, inner)} = {value}")
    return value


def _first_formula(rng: random.Random) -> Expr:
    """The first operator: a short formula in ordinary arithmetic, never negative."""
    family = rng.randrange(5)
    if family in (0, 1):
        p, q = rng.choice([(2, 1), (1, 2), (3, 1), (1, 3), (2, 3), (3, 2)])
        left: Expr = "a" if p == 1 else ("×", p, "a")
        right: Expr = "b" if q == 1 else ("×", q, "b")
        linear: Expr = ("+", left, right)
        return linear if family == 0 else ("+", linear, rng.randint(1, 5))
    if family == 2:
        return ("+", ("×", "a", "b"), rng.randint(1, 5))
    if family == 3:
        return ("×", "a", ("+", "b", rng.randint(1, 3)))
    return ("+", ("×", "a", "b"), "a")


def _second_formula(rng: random.Random, o: str) -> Expr:
    """The second operator, defined through the first one (symbol ``o``)."""
    options: list[Expr] = [
        (o, (o, "a", "b"), "a"),
        (o, "a", (o, "b", "b")),
        ("+", (o, "a", "b"), (o, "b", "a")),
        ("+", (o, "a", "a"), "b"),
        ("-", (o, "a", "b"), "a"),
    ]
    return rng.choice(options)


def _third_formula(rng: random.Random, o1: str, o2: str) -> Expr:
    """The third operator, defined through the first two."""
    options: list[Expr] = [
        ("-", (o2, "a", "b"), (o1, "a", "b")),
        ("+", (o2, "a", "b"), "b"),
        (o1, (o2, "a", 1), "b"),
        ("-", (o2, "b", "a"), "a"),
    ]
    return rng.choice(options)


@dataclass
class ArithmeticWorld:
    """Everything a book teaches, drawn once per seed."""

    name: str
    digits: list[str]
    """``digits[d]`` is the invented word for digit ``d``."""
    ones_first: bool
    """Numbers are spelled ones digit first (reverse of ordinary writing)."""
    ops: list[Operator]

    def spell(self, n: int) -> str:
        """A non-negative integer in number words, e.g. ``zel-fo``."""
        if n < 0:
            raise ValueError(f"cannot spell negative number {n}")
        words = [self.digits[int(d)] for d in str(n)]
        return "-".join(reversed(words) if self.ones_first else words)

    def spellings(self, n: int) -> list[str]:
        """Accepted spellings: hyphens (canonical) or spaces between digit words."""
        canonical = self.spell(n)
        return [canonical, canonical.replace("-", " ")]

    @property
    def table(self) -> dict[str, Operator]:
        return {op.symbol: op for op in self.ops}

    def value(self, expr: Expr, a: int, b: int, steps: list[str] | None = None) -> int:
        return evaluate(expr, {"a": a, "b": b}, self.table, steps)


def build_world(seed: int) -> ArithmeticWorld:
    """Draw the number words, the spelling order and the three operators for ``seed``."""
    rng = book_rngs(seed, MAX_CHAPTERS, domain=DOMAIN_SALT)[0]
    forge = WordForge(rng)
    name = forge.word(2).capitalize()
    digits = [forge.word(1, min_length=3) if rng.random() < 0.5 else forge.word(2)
              for _ in range(10)]
    s1, s2, s3 = rng.sample(SYMBOLS, 3)
    world = ArithmeticWorld(name=name, digits=digits, ones_first=rng.random() < 0.5, ops=[])
    draws: list[Callable[[], Expr]] = [
        lambda: _first_formula(rng),
        lambda: _second_formula(rng, s1),
        lambda: _third_formula(rng, s1, s2),
    ]
    for symbol, draw, top in zip((s1, s2, s3), draws, OPERAND_MAX, strict=True):
        for _ in range(1000):
            world.ops.append(Operator(symbol, draw()))
            if _interesting(world, top):
                break
            world.ops.pop()
        else:
            raise RuntimeError(f"could not draw an interesting operator {symbol} for seed {seed}")
    return world


def _interesting(world: ArithmeticWorld, top: int) -> bool:
    """An operator worth a chapter: it depends on both operands and has many results."""
    op = world.ops[-1].symbol
    grid = {(a, b): world.value((op, "a", "b"), a, b) for a in range(top + 1)
            for b in range(top + 1)}
    uses_a = any(grid[(0, b)] != grid[(1, b)] for b in range(top + 1))
    uses_b = any(grid[(a, 0)] != grid[(a, 1)] for a in range(top + 1))
    small = max(abs(v) for v in grid.values()) <= MAX_RESULT
    return uses_a and uses_b and small and len(set(grid.values())) >= MIN_DISTINCT_RESULTS


# --------------------------------------------------------------------------- item helpers



DIGIT_TO_WORD = Wording(
    exercise=("Write the number {n} as a {L} number word.", "What is {n} in {L}?"),
    probe=("Which {L} word names the digit {n}?", "Say the digit {n} the {L} way."),
    example="Give the {L} word for {n}.",
)
WORD_TO_DIGIT = Wording(
    exercise=("Which number is the {L} word {w}?", "What number does {w} stand for?"),
    probe=("Give the digit that {L} speakers call {w}.", "{w} in ordinary digits is what?"),
    example="Turn {w} into ordinary digits.",
)
SPELL = Wording(
    exercise=("Write {n} in {L} number words.", "Spell the number {n} in {L}."),
    probe=("How do {L} speakers write the number {n}?", "Give {n} as {L} number words."),
    example="Spell {n} in {L}.",
)
READ = Wording(
    exercise=("What number is {w}?", "Which number is written {w} in {L}?"),
    probe=("Convert the {L} numeral {w} into ordinary digits.", "{w} is which number?"),
    example="Read the {L} numeral {w}.",
)
COMPUTE = Wording(
    exercise=("Compute {e}.", "What is {e}?"),
    probe=("Work out the value of {e}.", "{e} equals which number?"),
    example="Evaluate {e}.",
)
COMPUTE_WORDS = Wording(
    exercise=("In {L} numbers, what is {e}? Answer in {L} number words.",
              "Compute {e} and write the result in {L} words."),
    probe=("Using {L} numerals, give the value of {e}.",
           "{e}: write the result the {L} way."),
    example="Compute {e}, answering in {L}.",
)


def _pick_pairs(rng: random.Random, value: Callable[[int, int], int], lo: int, hi: int,
                counts: Sequence[int]) -> list[list[tuple[int, int]]]:
    """Groups of operand pairs in ``lo..hi`` whose results are all different.

    Distinct results make every probe's answer differ from every exercise's, so
    remembering answers cannot pass a probe. The first group (the exposition's
    examples) avoids operand 0. Widens the operand range if there are too few.
    """
    for top in range(hi, hi + 10):
        pairs = [(a, b) for a in range(lo, top + 1) for b in range(lo, top + 1)]
        rng.shuffle(pairs)
        groups: list[list[tuple[int, int]]] = []
        seen: set[int] = set()
        for g, count in enumerate(counts):
            group: list[tuple[int, int]] = []
            for pair in pairs:
                v = value(*pair)
                if v in seen or (g == 0 and 0 in pair):
                    continue
                group.append(pair)
                seen.add(v)
                if len(group) == count:
                    break
            groups.append(group)
        if all(len(g) == c for g, c in zip(groups, counts, strict=True)):
            return groups
    raise RuntimeError(f"could not find {sum(counts)} operand pairs with distinct results")



# --------------------------------------------------------------------------- chapters


def _chapter_digits(w: ArithmeticWorld, rng: random.Random, n_ex: int, n_pr: int) -> ChapterParts:
    listing = "\n".join(f"  {d} = {word}" for d, word in enumerate(w.digits))
    # The list the other way round too: a learner training on "A = B" must also see "B = A".
    by_word = "\n".join(f"  {word} means {w.digits.index(word)}" for word in sorted(w.digits))
    exposition = (
        f"The people of {w.name} count with the same ten digits we do, but every digit has "
        f"its own {w.name} word:\n{listing}\n\nThe same words in alphabetical order:\n{by_word}"
    )
    order = list(range(10))
    rng.shuffle(order)
    ex_pairs, pr_pairs = split_directions(10, n_ex, n_pr)

    def item(index: int, to_word: bool, probe: bool) -> Draft:
        d = order[index]
        if to_word:
            prompt = DIGIT_TO_WORD.say(rng, probe=probe, n=str(d), L=w.name)
            return Draft(prompt, w.digits[d], exact(w.digits[d]), "digit-words")
        prompt = WORD_TO_DIGIT.say(rng, probe=probe, w=quote(w.digits[d]), L=w.name)
        return Draft(prompt, str(d), numeric(), "digit-words")

    d0, d2 = order[0], order[2]
    examples = [
        WorkedExample(prompt=DIGIT_TO_WORD.example.format(n=d0, L=w.name),
                      solution=f"The list says {d0} = {w.digits[d0]}.", answer=w.digits[d0]),
        WorkedExample(prompt=WORD_TO_DIGIT.example.format(w=quote(w.digits[d2])),
                      solution=f"The list says {d2} = {w.digits[d2]}.", answer=str(d2)),
    ]
    return ChapterParts(
        f"{w.name} digits", exposition, examples,
        [item(i, fwd, False) for i, fwd in ex_pairs], [item(i, fwd, True) for i, fwd in pr_pairs],
    )


def _chapter_numbers(w: ArithmeticWorld, rng: random.Random, n_ex: int, n_pr: int) -> ChapterParts:
    numbers = rng.sample(range(10, 100), n_ex + n_pr + 2)
    shown = [numbers[0], rng.randrange(100, 1000)]
    example, exercise_numbers = numbers[1], numbers[2:2 + n_ex]
    probe_numbers = numbers[2 + n_ex:]
    order_text = ("from the ones digit up to the highest digit (the reverse of how we write "
                  "digits)" if w.ones_first else
                  "from the highest digit down to the ones digit, as in our digits")
    exposition = (
        f"Bigger numbers. A number with several digits is written digit by digit with its "
        f"{w.name} digit words, joined by '-', {order_text}. "
        f"For example {shown[0]} is {w.spell(shown[0])} and {shown[1]} is {w.spell(shown[1])}."
    )

    def item(n: int, to_words: bool, probe: bool) -> Draft:
        if to_words:
            prompt = SPELL.say(rng, probe=probe, n=str(n), L=w.name)
            spellings = w.spellings(n)
            return Draft(prompt, spellings[0], exact(spellings[0], spellings), "numbers")
        prompt = READ.say(rng, probe=probe, w=quote(w.spell(n)), L=w.name)
        return Draft(prompt, str(n), numeric(), "numbers")

    exercises = [item(n, i % 3 != 2, False) for i, n in enumerate(exercise_numbers)]
    probes = [item(n, i % 2 == 0, True) for i, n in enumerate(probe_numbers)]
    tens, ones = divmod(example, 10)
    parts = [f"{ones} = {w.digits[ones]}", f"{tens} = {w.digits[tens]}"]
    if not w.ones_first:
        parts.reverse()
    examples = [WorkedExample(
        prompt=SPELL.example.format(n=example, L=w.name),
        solution=f"Digit by digit, {'ones digit' if w.ones_first else 'tens digit'} first: "
                 f"{'; '.join(parts)}. "
                 f"Joined with '-': {w.spell(example)}.",
        answer=w.spell(example),
    )]
    return ChapterParts("Bigger numbers", exposition, examples, exercises, probes)


def _operator_chapter(w: ArithmeticWorld, rng: random.Random, n_ex: int, n_pr: int, *,
                      index: int, hi: int, title: str, intro: str) -> ChapterParts:
    """Chapters 3, 4 and 6: define operator ``index`` and compute with it."""
    op = w.ops[index]

    def value(a: int, b: int) -> int:
        return w.value((op.symbol, "a", "b"), a, b)

    shown, ex_pairs, pr_pairs = _pick_pairs(rng, value, 0, hi, [2, n_ex, n_pr])
    facts = " ".join(_solution(w, op, a, b) for a, b in shown)
    exposition = f"{intro} {op.definition()}.\nFor example: {facts}"

    def item(pair: tuple[int, int], probe: bool) -> Draft:
        expression = f"{pair[0]} {op.symbol} {pair[1]}"
        return Draft(COMPUTE.say(rng, probe=probe, e=expression), str(value(*pair)), numeric(),
                     f"operator-{index + 1}")

    a, b = next((p for p in ex_pairs if 0 not in p), ex_pairs[0])
    examples = [WorkedExample(prompt=COMPUTE.example.format(e=f"{a} {op.symbol} {b}"),
                              solution=_solution(w, op, a, b), answer=str(value(a, b)))]
    return ChapterParts(title, exposition, examples, [item(p, False) for p in ex_pairs],
                    [item(p, True) for p in pr_pairs])


def _solution(w: ArithmeticWorld, op: Operator, a: int, b: int) -> str:
    """Step-by-step evaluation of ``a op b`` down to ordinary arithmetic."""
    steps: list[str] = []
    result = w.value((op.symbol, "a", "b"), a, b, steps)
    if len(steps) == 1:
        return steps[0] + "."
    opening = f"{a} {op.symbol} {b} = {render(op.formula, {'a': a, 'b': b})}."
    inner = [f"{step}." for step in dict.fromkeys(steps[:-1])]  # each step once, in order
    return " ".join([opening, *inner, f"So {a} {op.symbol} {b} = {result}."])


def _chapter_first_operator(w: ArithmeticWorld, rng: random.Random, n_ex: int,
                            n_pr: int) -> ChapterParts:
    return _operator_chapter(
        w, rng, n_ex, n_pr, index=0, hi=OPERAND_MAX[0],
        title=f"The {w.ops[0].symbol} operation",
        intro=f"{w.name} mathematicians use an operation written {w.ops[0].symbol}:",
    )


def _chapter_second_operator(w: ArithmeticWorld, rng: random.Random, n_ex: int,
                             n_pr: int) -> ChapterParts:
    o1, o2 = w.ops[0].symbol, w.ops[1].symbol
    return _operator_chapter(
        w, rng, n_ex, n_pr, index=1, hi=OPERAND_MAX[1], title=f"The {o2} operation",
        intro=f"A second operation, written {o2}, is defined with {o1} "
              f"(remember {w.ops[0].definition()}):",
    )


def _chapter_third_operator(w: ArithmeticWorld, rng: random.Random, n_ex: int,
                            n_pr: int) -> ChapterParts:
    o1, o2, o3 = (op.symbol for op in w.ops)
    return _operator_chapter(
        w, rng, n_ex, n_pr, index=2, hi=OPERAND_MAX[2], title=f"The {o3} operation",
        intro=f"A third operation, written {o3}, is built from {o1} and {o2} "
              f"(remember {w.ops[0].definition()} and {w.ops[1].definition()}):",
    )


def _chapter_words(w: ArithmeticWorld, rng: random.Random, n_ex: int, n_pr: int) -> ChapterParts:
    """Chapter 5: the first operator on numbers written in words (needs chapters 1-3)."""
    op = w.ops[0]

    def value(a: int, b: int) -> int:
        return w.value((op.symbol, "a", "b"), a, b)

    shown, ex_pairs, pr_pairs = _pick_pairs(rng, value, 0, OPERAND_MAX[0], [2, n_ex, n_pr])
    (a0, b0), (a1, b1) = shown
    exposition = (
        f"{op.symbol} works on numbers however they are written. In {w.name} words, "
        f"{w.digits[a0]} {op.symbol} {w.digits[b0]} = {w.spell(value(a0, b0))}, because "
        f"{a0} {op.symbol} {b0} = {value(a0, b0)}; and "
        f"{w.digits[a1]} {op.symbol} {w.digits[b1]} = {w.spell(value(a1, b1))}. "
        f"To answer in {w.name} words: read the digit words, compute, then spell the result."
    )

    def item(pair: tuple[int, int], form: str, probe: bool) -> Draft:
        a, b = pair
        if form == "digits":
            expression = f"{a} {op.symbol} {b}"
        else:
            expression = f"{quote(w.digits[a])} {op.symbol} {quote(w.digits[b])}"
        if form == "to-number":
            prompt = COMPUTE.say(rng, probe=probe, e=expression)
            return Draft(prompt, str(value(a, b)), numeric(), "words-operator")
        prompt = COMPUTE_WORDS.say(rng, probe=probe, e=expression, L=w.name)
        spellings = w.spellings(value(a, b))
        return Draft(prompt, spellings[0], exact(spellings[0], spellings), "words-operator")

    ex_forms = ("words", "words", "digits")
    pr_forms = ("words", "to-number", "digits")
    a, b = ex_pairs[0]
    steps = (f"{w.digits[a]} = {a} and {w.digits[b]} = {b}. "
             f"{_solution(w, op, a, b)} {value(a, b)} is {w.spell(value(a, b))}.")
    examples = [WorkedExample(
        prompt=COMPUTE_WORDS.example.format(
            e=f"{quote(w.digits[a])} {op.symbol} {quote(w.digits[b])}", L=w.name),
        solution=steps, answer=w.spell(value(a, b)),
    )]
    return ChapterParts(
        "Operations in words", exposition, examples,
        [item(p, ex_forms[i % 3], False) for i, p in enumerate(ex_pairs)],
        [item(p, pr_forms[i % 3], True) for i, p in enumerate(pr_pairs)],
    )


CHAPTER_BUILDERS = [
    _chapter_digits,
    _chapter_numbers,
    _chapter_first_operator,
    _chapter_second_operator,
    _chapter_words,
    _chapter_third_operator,
]
assert len(CHAPTER_BUILDERS) == MAX_CHAPTERS


def generate_arithmetic(*, seed: int, chapters: int = 4, exercises: int = 8,
                        probes: int = 8) -> Textbook:
    """An invented-arithmetic textbook for ``seed`` (deterministic, byte-identical per seed).

    ``chapters`` (1..6) are, in order: digit words; bigger numbers; the first
    operator; the second operator (defined via the first); the first operator in
    number words; the third operator (defined via the first two). Each chapter has
    ``exercises`` practice items and ``probes`` hidden parallel-form items (1..10).

    >>> book = generate_arithmetic(seed=2, chapters=3)
    >>> book.id, book.chapters[2].probes[0].checker.kind
    ('arithmetic-s2', 'numeric')
    """
    check_counts(chapters=chapters, max_chapters=MAX_CHAPTERS, exercises=exercises,
                 probes=probes)
    world = build_world(seed)
    rngs = book_rngs(seed, MAX_CHAPTERS, domain=DOMAIN_SALT)[1]
    built: list[Chapter] = []
    for number, (builder, rng) in enumerate(zip(CHAPTER_BUILDERS[:chapters], rngs,
                                                strict=False), start=1):
        part = builder(world, rng, exercises, probes)
        built.append(assemble_parts(number, part))
    return Textbook(
        id=f"arithmetic-s{seed}",
        title=f"{world.name} arithmetic",
        domain="arithmetic",
        seed=seed,
        version=GENERATOR_VERSION,
        description=(
            f"The number words and operations of {world.name}, invented from seed {seed}. "
            "Later operations are defined through earlier ones; later chapters use "
            "earlier chapters' number words."
        ),
        chapters=built,
    )
