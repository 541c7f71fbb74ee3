"""The coding textbook: a novel Python library, learned from its docs, graded by hidden tests.

Why a novel library: "can the model use an API it has never seen, after
reading its documentation?" is the everyday skill of a programmer on a new
codebase, and it cannot be recalled from pretraining when the library is
invented per seed. Each book draws a module name (e.g. ``kemolib``), function
names and the exact semantics of each function (rotation direction, bonus
values, moduli, orderings) from the seed; the library's source ships in
``Textbook.files`` and in every exercise's ``checker.files`` (the sandbox
mounts it read-only where the solution can import it).

Chapters introduce two functions each, with signature, semantics and worked
calls in the exposition. Exercises ask for a function ``solve(...)`` that uses
them (directly, after a pre/post step, chained, repeated, mapped over a list);
from chapter 2 on, tasks chain the new functions with earlier chapters' ones.
Probes are *new* tasks over the same functions (other templates, constants
and wording), never a copy of an exercise. Each item is graded by the
``python-tests`` checker: hidden pytest tests with literal expected values,
computed here by running the reference solution against the library.

Guarantees checked at generation time: every expected value comes from the
generated source itself (the source is executed in-process; it is our own
code, not a model's); every task's outputs vary over its test inputs; and
no other item's reference solution with the same signature passes an item's
tests, so a learner answering with the wrong item's code fails.
"""

from __future__ import annotations

import itertools
import random
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from selftaught.checkers.python_tests import SOLUTION_MODULE
from selftaught.generators.common import (
    GENERATOR_VERSION,
    Draft,
    WordForge,
    assemble_chapter,
    book_rngs,
    check_counts,
)
from selftaught.sandbox.pytest_harness import sha256_text
from selftaught.types import Chapter, CheckerSpec, Textbook, WorkedExample

DOMAIN_SALT = 3
"""This generator's salt for `book_rngs` (language 1, arithmetic 2)."""
FUNCTIONS_PER_CHAPTER = 2
MAX_CHAPTERS = 5
"""Ten function families, two new functions per chapter."""
MAX_ITEMS = 6
"""Most exercises (and most probes) per chapter: two functions support only so many
distinct tasks (each item runs a sandboxed pytest when graded, too)."""
TESTS_PER_ITEM = 4
"""Hidden test cases per exercise or probe (the score is the fraction passed)."""

Kind = Literal["L", "I", "S", "LL", "LS"]
"""Value kinds: list of ints, int, str, list of lists of ints, list of str."""
HINT: dict[str, str] = {"L": "list[int]", "I": "int", "S": "str", "LL": "list[list[int]]",
                        "LS": "list[str]"}


@dataclass(frozen=True)
class LibFunction:
    """One invented library function: its source, its documentation, its types."""

    name: str
    family: str
    params: tuple[tuple[str, Kind], ...]
    returns: Kind
    source: str
    summary: str
    """The semantics in prose, as the exposition states them."""

    @property
    def signature(self) -> str:
        args = ", ".join(f"{p}: {HINT[k]}" for p, k in self.params)
        return f"{self.name}({args}) -> {HINT[self.returns]}"


def _src(text: str, **values: object) -> str:
    return textwrap.dedent(text).strip().format(**values) + "\n"


# --- the ten function families ------------------------------------------------------------

def _spin(rng: random.Random, name: str) -> LibFunction:
    left = rng.random() < 0.5
    bonus = rng.randint(1, 9)
    cut = "k" if left else "len(xs) - k"
    src = _src('''
        def {name}(xs: list[int], k: int) -> list[int]:
            """Rotate xs {side} by k places, then add {bonus} to the element that ends up first."""
            if not xs:
                return []
            k %= len(xs)
            out = xs[{cut}:] + xs[:{cut}]
            out[0] += {bonus}
            return out
        ''', name=name, side="left" if left else "right", bonus=bonus, cut=cut)
    summary = (f"rotates the list `xs` to the {'left' if left else 'right'} by `k` places "
               f"(`k` is taken modulo the length), then adds {bonus} to the element that "
               "ends up first. An empty list gives an empty list.")
    return LibFunction(name, "spin", (("xs", "L"), ("k", "I")), "L", src, summary)


def _weave(rng: random.Random, name: str) -> LibFunction:
    b_first = rng.random() < 0.5
    rest_reversed = rng.random() < 0.5
    src = _src('''
        def {name}(a: list[int], b: list[int]) -> list[int]:
            """Interleave a and b, {first} first; leftovers of the longer list go last{rev}."""
            first, second = {order}
            out: list[int] = []
            for x, y in zip(first, second):
                out += [x, y]
            n = min(len(a), len(b))
            rest = first[n:] + second[n:]
            return out + rest{slice}
        ''', name=name, first="b" if b_first else "a", order="(b, a)" if b_first else "(a, b)",
        rev=", reversed" if rest_reversed else "", slice="[::-1]" if rest_reversed else "")
    summary = (f"interleaves the lists `a` and `b` element by element, starting with "
               f"`{'b' if b_first else 'a'}`'s first element; when one list runs out, the rest "
               f"of the longer list is appended{' in reverse order' if rest_reversed else ''}.")
    return LibFunction(name, "weave", (("a", "L"), ("b", "L")), "L", src, summary)


def _weigh(rng: random.Random, name: str) -> LibFunction:
    vowel, other = rng.choice([(2, 1), (3, 1), (1, 2), (1, 3), (3, 2), (2, 3)])
    double = rng.randint(4, 9)
    src = _src('''
        def {name}(word: str) -> int:
            """Vowels weigh {vowel}, others {other}; a repeated letter adds {double}."""
            total = 0
            for i, ch in enumerate(word):
                total += {vowel} if ch in "aeiou" else {other}
                if i and ch == word[i - 1]:
                    total += {double}
            return total
        ''', name=name, vowel=vowel, other=other, double=double)
    summary = (f"is the weight of `word`: each vowel (a, e, i, o, u) weighs {vowel}, every other "
               f"character weighs {other}, and each character equal to the one just before it "
               f"adds {double} more.")
    return LibFunction(name, "weigh", (("word", "S"),), "I", src, summary)


def _fold(rng: random.Random, name: str) -> LibFunction:
    start, mult = rng.randint(1, 9), rng.randint(2, 7)
    mod = rng.choice([83, 89, 97, 101, 103])
    src = _src('''
        def {name}(xs: list[int]) -> int:
            """Start at {start}; for each x: acc = (acc * {mult} + x) % {mod}."""
            acc = {start}
            for x in xs:
                acc = (acc * {mult} + x) % {mod}
            return acc
        ''', name=name, start=start, mult=mult, mod=mod)
    summary = (f"folds `xs` into one number: start from {start}; for each element `x` in order, "
               f"the running value becomes `(value * {mult} + x) % {mod}`.")
    return LibFunction(name, "fold", (("xs", "L"),), "I", src, summary)


def _chunk(rng: random.Random, name: str) -> LibFunction:
    odd = rng.random() < 0.5
    src = _src('''
        def {name}(xs: list[int], n: int) -> list[int]:
            """Cut xs into chunks of n (n < 1 counts as 1), reverse the {which} ones, join."""
            n = max(1, n)
            out: list[int] = []
            for i in range(0, len(xs), n):
                chunk = xs[i:i + n]
                out += chunk[::-1] if (i // n) % 2 == {parity} else chunk
            return out
        ''', name=name, which="1st, 3rd, 5th, ..." if odd else "2nd, 4th, 6th, ...",
        parity=0 if odd else 1)
    which = "first, third, fifth, ..." if odd else "second, fourth, sixth, ..."
    summary = (f"cuts `xs` into consecutive chunks of `n` elements (the last may be shorter; "
               f"`n` below 1 counts as 1), reverses the {which} chunk, and joins the chunks "
               "back together.")
    return LibFunction(name, "chunk", (("xs", "L"), ("n", "I")), "L", src, summary)


def _shift(rng: random.Random, name: str) -> LibFunction:
    vowels = rng.random() < 0.5
    test = "in" if vowels else "not in"
    src = _src('''
        def {name}(word: str, k: int) -> str:
            """Move every {what} of word k places forward in the alphabet (z wraps to a)."""
            out = []
            for ch in word:
                if "a" <= ch <= "z" and ch {test} "aeiou":
                    ch = chr((ord(ch) - 97 + k) % 26 + 97)
                out.append(ch)
            return "".join(out)
        ''', name=name, what="vowel" if vowels else "consonant", test=test)
    what = "vowel (a, e, i, o, u)" if vowels else "consonant (a letter that is not a, e, i, o, u)"
    summary = (f"moves every {what} of `word` `k` places forward in the alphabet, wrapping "
               "from z to a; all other characters stay as they are.")
    return LibFunction(name, "shift", (("word", "S"), ("k", "I")), "S", src, summary)


def _bucket(rng: random.Random, name: str) -> LibFunction:
    desc = rng.random() < 0.5
    src = _src('''
        def {name}(xs: list[int], k: int) -> list[list[int]]:
            """Bucket i holds the x with x % k == i (k < 1 counts as 1), sorted {order}."""
            k = max(1, k)
            return [sorted((x for x in xs if x % k == i), reverse={desc}) for i in range(k)]
        ''', name=name, order="descending" if desc else "ascending", desc=desc)
    summary = (f"splits `xs` into `k` buckets (`k` below 1 counts as 1): bucket `i` holds the "
               f"elements `x` with `x % k == i`, sorted in {'descending' if desc else 'ascending'} "
               "order; it returns the `k` buckets in order, empty ones included.")
    return LibFunction(name, "bucket", (("xs", "L"), ("k", "I")), "LL", src, summary)


def _squash(rng: random.Random, name: str) -> LibFunction:
    bonus = rng.randint(1, 5)
    src = _src('''
        def {name}(xs: list[int]) -> list[int]:
            """Each run of equal neighbours becomes value * run length + {bonus}."""
            out: list[int] = []
            i = 0
            while i < len(xs):
                j = i
                while j < len(xs) and xs[j] == xs[i]:
                    j += 1
                out.append(xs[i] * (j - i) + {bonus})
                i = j
            return out
        ''', name=name, bonus=bonus)
    summary = (f"replaces each run of equal neighbouring elements of `xs` by one number: the "
               f"value times the length of the run, plus {bonus}.")
    return LibFunction(name, "squash", (("xs", "L"),), "L", src, summary)


def _peak(rng: random.Random, name: str) -> LibFunction:
    last = rng.random() < 0.5
    order = "reversed(range(len(xs)))" if last else "range(len(xs))"
    src = _src('''
        def {name}(xs: list[int]) -> int:
            """Index of the {which} element greater than its neighbours (ends have one), else -1."""
            for i in {order}:
                left = i == 0 or xs[i] > xs[i - 1]
                right = i == len(xs) - 1 or xs[i] > xs[i + 1]
                if left and right:
                    return i
            return -1
        ''', name=name, which="last" if last else "first", order=order)
    summary = (f"is the index of the {'last' if last else 'first'} peak of `xs`: an element "
               "strictly greater than both its neighbours (the first and last elements have only "
               "one neighbour). It is -1 when there is no peak (e.g. an empty list).")
    return LibFunction(name, "peak", (("xs", "L"),), "I", src, summary)


def _stride(rng: random.Random, name: str) -> LibFunction:
    from_end = rng.random() < 0.5
    rest_reversed = rng.random() < 0.5
    src = _src('''
        def {name}(xs: list[int], n: int) -> list[int]:
            """Every n-th element starting at index {start}, then the others{rev}."""
            n = max(1, n)
            picked = list(range({start}, len(xs), n))
            rest = [x for i, x in enumerate(xs) if i not in picked]
            return [xs[i] for i in picked] + rest{slice}
        ''', name=name, start="n - 1" if from_end else "0",
        rev=" reversed" if rest_reversed else "", slice="[::-1]" if rest_reversed else "")
    start = "index `n - 1`" if from_end else "index 0"
    summary = (f"takes every `n`-th element of `xs` starting at {start} (`n` below 1 counts as "
               f"1), then appends the elements it skipped"
               f"{', in reverse order' if rest_reversed else ', in their original order'}.")
    return LibFunction(name, "stride", (("xs", "L"), ("n", "I")), "L", src, summary)


FAMILIES: list[Callable[[random.Random, str], LibFunction]] = [
    _spin, _weave, _weigh, _fold, _chunk, _shift, _bucket, _squash, _peak, _stride,
]


# --- the library ---------------------------------------------------------------------------

@dataclass
class Library:
    """A seed's invented library: module name and functions, in teaching order."""

    module: str
    functions: list[LibFunction]

    def source(self) -> str:
        header = (f'"""{self.module}: a small utility library (generated by selftaught; '
                  'every name and rule here is invented)."""\n')
        return header + "".join("\n\n" + f.source for f in self.functions)

    def namespace(self) -> dict[str, Any]:
        """The library executed in-process (our own generated code) to compute expected values."""
        env: dict[str, Any] = {}
        exec(compile(self.source(), f"<{self.module}>", "exec"), env)
        return env


def build_library(seed: int) -> Library:
    """The library of ``seed``: a module name and ten functions in a seeded order."""
    rng = book_rngs(seed, MAX_CHAPTERS, domain=DOMAIN_SALT)[0]
    forge = WordForge(rng)
    module = forge.word(2) + "lib"
    families = list(FAMILIES)
    rng.shuffle(families)
    functions = []
    for family in families:
        stem = forge.word(2)
        name = f"{stem}_{rng.choice(['ify', 'ate', 'en', 'ish', 'ize'])}"
        if rng.random() < 0.4:
            name = forge.word(1) + "_" + stem
        functions.append(family(rng, name))
    return Library(module, functions)


# --- tasks ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Task:
    """A ``solve(...)`` the learner must write, with its reference body."""

    template: str
    params: tuple[tuple[str, Kind], ...]
    """solve's parameters and their kinds."""
    body: str
    """solve's body: an expression over the parameters and library functions, or
    statements ending in ``return`` (unindented; `reference` indents them)."""
    uses: tuple[str, ...]
    text: str
    """What solve must return, in words (after "returns ...")."""

    def signature(self) -> str:
        return ", ".join(f"{p}: {HINT[k]}" for p, k in self.params)

    def reference(self, module: str) -> str:
        imports = ", ".join(sorted(set(self.uses)))
        return (f"from {module} import {imports}\n\n\n"
                f"def solve({', '.join(p for p, _ in self.params)}):\n"
                + textwrap.indent(self.statements(), "    ") + "\n")

    def statements(self) -> str:
        """The body as statements."""
        return self.body if "return " in self.body else f"return {self.body}"


def _call(f: LibFunction, first: str, consts: dict[str, int]) -> str:
    """``f(first, consts...)``; `weave` (two lists) gets ``first`` and its reverse."""
    if f.family == "weave":
        return f"{f.name}({first}, {first}[::-1])"
    args = [first] + [str(consts[p]) for p, k in f.params[1:] if k == "I"]
    return f"{f.name}({', '.join(args)})"


def _with(f: LibFunction, consts: dict[str, int]) -> str:
    """How the call is parametrised, in words: `` with `k` = 3`` or `` (woven ...)``."""
    if f.family == "weave":
        return " (woven with its own reverse)"
    extra = [f"`{p}` = {consts[p]}" for p, k in f.params[1:] if k == "I"]
    return f" with {' and '.join(extra)}" if extra else ""


def _candidates(new: Sequence[LibFunction], known: Sequence[LibFunction],
                rng: random.Random) -> list[Task]:
    """Every task shape over the chapter's functions; each uses at least one new function."""
    out: list[Task] = []

    def consts(f: LibFunction) -> dict[str, int]:
        return {p: rng.randint(1, 4) for p, k in f.params[1:] if k == "I"}

    for f in new:
        first_kind = f.params[0][1]
        x = "word" if first_kind == "S" else "xs"
        c = consts(f)
        call = _call(f, x, c)
        base = f"`{f.name}` applied to `{x}`{_with(f, c)}"
        out.append(Task("direct", ((x, first_kind),), call, (f.name,), f"what {base} gives"))
        pre = {"L": [("sorted(xs)", "the sorted list"), ("xs[::-1]", "the reversed list"),
                     ("xs[1:]", "the list without its first element")],
               "S": [("word[::-1]", "the word spelled backwards"),
                     ("word + word", "the word written twice"),
                     ("word[1:]", "the word without its first letter")]}[first_kind]
        for arg, words in pre:
            c2 = consts(f)
            out.append(Task("pre", ((x, first_kind),), _call(f, arg, c2), (f.name,),
                            f"what `{f.name}` gives for {words}{_with(f, c2)}"))
        post = {
            "L": [("sum({})", "the sum of"), ("{}[0]", "the first element of"),
                  ("max({})", "the largest element of"), ("len(set({}))",
                                                          "the number of distinct values in")],
            "I": [("{} * 3 + 1", "three times, plus one,"), ("-{}", "minus"),
                  ("{} % 10", "the last digit of")],
            "S": [("len(set({}))", "the number of distinct letters in"),
                  ("{}[::-1]", "the reverse of")],
            "LL": [("[len(b) for b in {}]", "the sizes of the buckets of"),
                   ("[sum(b) for b in {}]", "the sums of the buckets of")],
        }[f.returns]
        for pattern, words in post:
            c2 = consts(f)
            out.append(Task("post", ((x, first_kind),), pattern.format(_call(f, x, c2)),
                            (f.name,),
                            f"{words} the result of `{f.name}` on `{x}`{_with(f, c2)}"))
        for (arg, words), (pattern, post_words) in itertools.product(pre, post):
            c2 = consts(f)
            out.append(Task("prepost", ((x, first_kind),), pattern.format(_call(f, arg, c2)),
                            (f.name,), f"{post_words} the result of `{f.name}` on {words}"
                            f"{_with(f, c2)}"))
        if f.returns == first_kind and any(k == "I" for _, k in f.params[1:]):
            c2 = consts(f)
            body = f"for _ in range(n):\n    {x} = {_call(f, x, c2)}\nreturn {x}"
            out.append(Task("repeat", ((x, first_kind), ("n", "I")), body, (f.name,),
                            f"`{x}` after applying `{f.name}`{_with(f, c2)} `n` times in a row "
                            f"(`n` = 0 gives `{x}` unchanged)"))
        if first_kind == "S":
            c2 = consts(f)
            out.append(Task("map", (("words", "LS"),), f"[{_call(f, 'w', c2)} for w in words]",
                            (f.name,), f"the list of `{f.name}(w)`{_with(f, c2)} for each word "
                            "`w` in `words`, in order"))
        if f.returns == "I":
            seq: str = "words" if first_kind == "S" else "lists"
            kind: Kind = "LS" if first_kind == "S" else "LL"
            out.append(Task("pick", ((seq, kind),),
                            f"max({seq}, key=lambda v: {_call(f, 'v', {})})", (f.name,),
                            f"the element of `{seq}` with the largest `{f.name}` value (the "
                            f"first such element on ties; `{seq}` is never empty)"))
        for g in known:
            if g is f:
                continue
            for inner, outer in ((f, g), (g, f)):
                out += _glued(inner, outer, consts(inner), consts(outer))
                if inner.returns != outer.params[0][1]:
                    continue
                ik = inner.params[0][1]
                xi = "word" if ik == "S" else "xs"
                ci, co = consts(inner), consts(outer)
                body = _call(outer, _call(inner, xi, ci), co)
                out.append(Task("chain", ((xi, ik),), body, (inner.name, outer.name),
                                f"`{outer.name}`{_with(outer, co)} applied to the result of "
                                f"`{inner.name}` on `{xi}`{_with(inner, ci)}"))
    return out


def _glued(inner: LibFunction, outer: LibFunction, ci: dict[str, int],
           co: dict[str, int]) -> list[Task]:
    """Chains through a list: ``outer`` over each bucket of ``inner``, or over its values."""
    if outer.params[0][1] != "L":
        return []
    if inner.returns == "LL":
        body = f"[{_call(outer, 'b', co)} for b in {_call(inner, 'xs', ci)}]"
        return [Task("each", (("xs", "L"),), body, (inner.name, outer.name),
                     f"the list of `{outer.name}(b)`{_with(outer, co)} for each bucket `b` "
                     f"of `{inner.name}` on `xs`{_with(inner, ci)}, in order")]
    if inner.returns == "I":
        seq, kind, item = ("words", "LS", "w") if inner.params[0][1] == "S" else \
            ("lists", "LL", "v")
        body = _call(outer, f"[{_call(inner, item, ci)} for {item} in {seq}]", co)
        return [Task("gather", ((seq, kind),), body, (inner.name, outer.name),  # type: ignore[arg-type]
                     f"`{outer.name}`{_with(outer, co)} applied to the list of "
                     f"`{inner.name}({item})`{_with(inner, ci)} for each `{item}` in `{seq}`")]
    return []


_EXERCISE_WORDING = [
    "Using the `{lib}` library, write a function `solve({sig})` that returns {text}.",
    "Write `solve({sig})` with the `{lib}` library: it must return {text}.",
]
_PROBE_WORDING = [
    "Define `solve({sig})`. It should give back {text}. Use `{lib}`.",
    "Implement `solve({sig})` (the `{lib}` module is available): the result is {text}.",
]


def _value(kind: Kind, rng: random.Random) -> Any:
    """A random test input of ``kind`` (words sometimes contain a doubled letter)."""
    if kind == "L":
        return [rng.randint(0, 12) for _ in range(rng.randint(3, 8))]
    if kind == "I":
        return rng.randint(0, 3)
    if kind == "S":
        word = "".join(rng.choice("abdeiklmnoprstuvz") for _ in range(rng.randint(4, 8)))
        i = rng.randrange(len(word) - 1)
        return word[: i + 1] + word[i] + word[i + 2:] if rng.random() < 0.5 else word
    if kind == "LS":
        return [_value("S", rng) for _ in range(rng.randint(2, 4))]
    return [_value("L", rng) for _ in range(rng.randint(2, 4))]


def _inputs(task: Task, rng: random.Random) -> list[tuple[Any, ...]]:
    """``TESTS_PER_ITEM`` argument tuples for ``solve``."""
    return [tuple(_value(k, rng) for _, k in task.params) for _ in range(TESTS_PER_ITEM)]


@dataclass(frozen=True)
class _Built:
    task: Task
    inputs: list[tuple[Any, ...]]
    outputs: list[Any]


def _outputs(task: Task, inputs: list[tuple[Any, ...]], env: dict[str, Any], *,
             strict: bool = True) -> list[Any] | None:
    """The reference outputs, or None when the task is degenerate on these inputs.

    ``strict``: also None when all outputs are equal (a constant would pass the tests).
    """
    scope = dict(env)
    exec(f"def solve({', '.join(p for p, _ in task.params)}):\n"
         + textwrap.indent(task.statements(), "    ") + "\n", scope)
    try:
        outs = [scope["solve"](*args) for args in inputs]
    except (IndexError, ValueError, ZeroDivisionError):  # e.g. [0] of an empty result
        return None
    if strict and len({repr(o) for o in outs}) < 2:
        return None
    return outs


def _tests_source(item_id: str, built: _Built) -> str:
    lines = [f'"""Hidden tests for {item_id}."""', "", f"from {SOLUTION_MODULE} import solve", ""]
    for i, (args, out) in enumerate(zip(built.inputs, built.outputs, strict=True), start=1):
        call = ", ".join(repr(a) for a in args)
        lines += ["", f"def test_case_{i}():", f"    assert solve({call}) == {out!r}", ""]
    return "\n".join(lines).rstrip() + "\n"


def _clashes(a: _Built, b: _Built, env: dict[str, Any]) -> bool:
    """True if either reference passes all of the other's tests (same signature only)."""
    if [k for _, k in a.task.params] != [k for _, k in b.task.params]:
        return False
    return _outputs(b.task, a.inputs, env) == a.outputs or \
        _outputs(a.task, b.inputs, env) == b.outputs


_NULLS: list[Callable[..., Any]] = [
    lambda v, *_: v[:] if isinstance(v, str) else list(v),
    lambda v, *_: sorted(v),
    lambda v, *_: v[::-1],
]
"""Stand-ins for a same-type library function: identity, sorting, reversing."""


def _library_free(task: Task, inputs: list[tuple[Any, ...]], outputs: list[Any],
                  env: dict[str, Any], lib_kinds: dict[str, tuple[Kind, Kind]]) -> bool:
    """True if the outputs come out the same with a used function replaced by a trivial one.

    E.g. ``sum(f(xs))`` for an ``f`` that only reorders ``xs`` equals ``sum(xs)``: such a
    task does not test the library at all.
    """
    for name in task.uses:
        first, returns = lib_kinds[name]
        if first != returns:
            continue
        for null in _NULLS:
            try:
                if _outputs(task, inputs, {**env, name: null}, strict=False) == outputs:
                    return True
            except TypeError:  # the stand-in's result has the wrong type downstream
                continue
    return False


def _pick(cands: list[Task], count: int, taken: list[_Built], env: dict[str, Any],
          rng: random.Random, lib_kinds: dict[str, tuple[Kind, Kind]],
          first: Callable[[Task], bool] | None = None) -> list[_Built]:
    """Choose ``count`` tasks, spreading templates and rejecting clashes with ``taken``.

    ``first``: the first task chosen must satisfy it, if any candidate can.
    """
    pool = list(cands)
    rng.shuffle(pool)
    chosen: list[_Built] = []
    templates: dict[str, int] = {}
    while pool and len(chosen) < count:
        preferred = [t for t in pool if first is not None and not chosen and first(t)] or pool
        task = min(preferred, key=lambda t: templates.get(t.template, 0))  # first least-used
        pool.remove(task)
        for _ in range(3):  # a clash or a degenerate draw may be a coincidence of the inputs
            inputs = _inputs(task, rng)
            outputs = _outputs(task, inputs, env)
            if outputs is None or _library_free(task, inputs, outputs, env, lib_kinds):
                continue
            built = _Built(task, inputs, outputs)
            if any(_clashes(built, other, env) for other in [*taken, *chosen]):
                continue
            chosen.append(built)
            templates[task.template] = templates.get(task.template, 0) + 1
            break
    if len(chosen) < count:
        raise RuntimeError(f"generator bug: only {len(chosen)} of {count} distinct coding tasks")
    return chosen


def _skill(task: Task, names: Sequence[str]) -> str:
    """The skill tag: the first of ``names`` (the chapter's new functions) the task uses."""
    return next(name for name in names if name in task.uses)


def _draft(lib: Library, built: _Built, wording: str, skill: str, item_id: str) -> Draft:
    task = built.task
    prompt = wording.format(lib=lib.module, sig=task.signature(), text=task.text)
    answer = f"```python\n{task.reference(lib.module)}```"
    tests = _tests_source(item_id, built)
    spec = CheckerSpec(kind="python-tests", tests=tests, tests_sha256=sha256_text(tests),
                       files={f"{lib.module}.py": lib.source()})
    return Draft(prompt=prompt, answer=answer, checker=spec, skill=skill)


def _exposition(lib: Library, number: int, new: Sequence[LibFunction],
                env: dict[str, Any], rng: random.Random) -> str:
    parts: list[str] = []
    if number == 1:
        parts.append(
            f"This book teaches `{lib.module}`, a small Python library. Import its functions "
            f"by name, e.g. `from {lib.module} import {new[0].name}`. No function changes the "
            "lists or strings it is given. Exercises ask for a function `solve(...)`: reply "
            "with Python code in one ```python fenced block; it is run against hidden tests."
        )
    else:
        parts.append(f"Two more functions of `{lib.module}`. They combine with the functions "
                     "of the earlier chapters: the result of one can be passed to another.")
    for f in new:
        examples: list[str] = []
        for _ in range(2):
            args = tuple(rng.randint(2, 4) if k == "I" else _value(k, rng) for _, k in f.params)
            if f.family == "weave":
                args = ([1, 2, 3], [7, 8]) if not examples else ([5], [6, 4, 9])
            call = f"{f.name}({', '.join(repr(a) for a in args)})"
            examples.append(f">>> {call}\n{env[f.name](*args)!r}")
        parts.append(f"`{f.signature}` {f.summary}\n\n```python\n" + "\n".join(examples) + "\n```")
    return "\n\n".join(parts)


def _example(lib: Library, built: _Built) -> WorkedExample:
    task = built.task
    args, out = built.inputs[0], built.outputs[0]
    call = f"solve({', '.join(repr(a) for a in args)})"
    prompt = _EXERCISE_WORDING[0].format(lib=lib.module, sig=task.signature(), text=task.text)
    how = (f"return `{task.body}`" if "return " not in task.body
           else "loop as the task says and return the result")
    solution = (f"Import {', '.join(f'`{u}`' for u in sorted(set(task.uses)))} from "
                f"`{lib.module}` and {how}. Check: `{call}` gives `{out!r}`.")
    return WorkedExample(prompt=prompt, solution=solution,
                         answer=f"```python\n{task.reference(lib.module)}```")


def generate_coding(*, seed: int, chapters: int = 3, exercises: int = 4,
                    probes: int = 4) -> Textbook:
    """A novel-library coding textbook for ``seed`` (deterministic per seed).

    Each of ``chapters`` (1..5) introduces two library functions and has
    ``exercises`` practice items and ``probes`` hidden items (1..6), all graded
    by ``python-tests``.

    >>> book = generate_coding(seed=1, chapters=2, exercises=2, probes=2)
    >>> book.domain, len(book.chapters), book.chapters[0].exercises[0].checker.kind
    ('coding', 2, 'python-tests')
    """
    check_counts(chapters=chapters, max_chapters=MAX_CHAPTERS, exercises=exercises,
                 probes=probes)
    for name, value in (("exercises", exercises), ("probes", probes)):
        if value > MAX_ITEMS:
            raise ValueError(f"{name}: {value} is out of range for coding books "
                             f"(use 1..{MAX_ITEMS} per chapter)")
    lib = build_library(seed)
    env = lib.namespace()
    lib_kinds = {f.name: (f.params[0][1], f.returns) for f in lib.functions}
    rngs = book_rngs(seed, MAX_CHAPTERS, domain=DOMAIN_SALT)[1]
    built_chapters: list[Chapter] = []
    taken: list[_Built] = []
    for number in range(1, chapters + 1):
        rng = rngs[number - 1]
        start = (number - 1) * FUNCTIONS_PER_CHAPTER
        new = lib.functions[start:start + FUNCTIONS_PER_CHAPTER]
        known = lib.functions[:start + FUNCTIONS_PER_CHAPTER]
        variants = _candidates(new, known, rng) + _candidates(new, known, rng)
        cands = list({t.body: t for t in variants}.values())  # other constants, same shapes
        old_names = {f.name for f in known[:start]}

        def builds_on(task: Task, old: set[str] = old_names) -> bool:
            return bool(old & set(task.uses))

        ex_built = _pick(cands, exercises + 1, taken, env, rng, lib_kinds)
        if old_names and not any(builds_on(b.task) for b in ex_built[1:]):
            ex_built = [ex_built[0], *_pick(cands, exercises, [*taken, ex_built[0]], env, rng,
                                            lib_kinds, first=builds_on)]
        example, ex_built = ex_built[0], ex_built[1:]
        taken += [example, *ex_built]
        # A probe's skill (the new function it exercises) must be one the exercises practise.
        new_names = [f.name for f in new]
        practised = {_skill(b.task, new_names) for b in ex_built}
        used = {t.task.body for t in taken}
        remaining = [t for t in cands if t.body not in used and practised & set(t.uses)]
        pr_built = _pick(remaining, probes, taken, env, rng, lib_kinds,
                         first=builds_on if old_names else None)
        taken += pr_built
        exercises_E = [_draft(lib, b, _EXERCISE_WORDING[i % 2], _skill(b.task, new_names),
                              f"c{number}.e{i + 1}") for i, b in enumerate(ex_built)]
        probes_P = [_draft(lib, b, _PROBE_WORDING[i % 2],
                           _skill(b.task, [n for n in new_names if n in practised]),
                           f"c{number}.p{i + 1}") for i, b in enumerate(pr_built)]
        title = f"{new[0].name} and {new[1].name}"
        built_chapters.append(assemble_chapter(
            number, title, _exposition(lib, number, new, env, rng), [_example(lib, example)],
            exercises_E, probes_P))
    return Textbook(
        id=f"coding-s{seed}",
        title=f"The {lib.module} library",
        domain="coding",
        seed=seed,
        version=GENERATOR_VERSION,
        description=(f"An invented Python library, {lib.module}, generated from seed {seed}; "
                     "each chapter documents two of its functions, and exercises are graded "
                     "by hidden unit tests in a sandbox."),
        answer_format=(f"Reply with Python code in one ```python fenced block that defines the "
                       f"requested function; it is saved as {SOLUTION_MODULE}.py, and the "
                       f"library is importable as `{lib.module}`."),
        files={f"{lib.module}.py": lib.source()},
        chapters=built_chapters,
    )
