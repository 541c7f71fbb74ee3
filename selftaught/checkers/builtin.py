"""The built-in checkers: one small pure function per kind.

Every checker has the signature ``(response, item) -> Grade``: it extracts the
answer from the (possibly chatty) response with `extract_answer`, compares it
to ``item.answer`` under the rules of ``item.checker`` and writes feedback a
learner can learn from -- what it read, what was expected, and why they differ.
If the response had no ``Answer:`` line the feedback says so, because following
the convention is itself something to learn.

Semantics per kind (exact rules for text normalisation are in `text.normalise`):

* ``exact`` -- normalised text equal to the answer or one of ``aliases``.
* ``choice`` -- the answer names one option, by letter (``B``, ``(b)``, ``B)``,
  ``Option B``) or by its text; answers naming two options are wrong.
  The reference answer may be the letter or the option text.
* ``numeric`` -- the number the answer states (`text.find_number`: the whole
  answer, else the first number after the last ``=``, else the first number;
  ints, decimals, ``3/4``,
  ``1,234``, ``-2``, ``1e3``) is within tolerance of the reference:
  ``|x - ref| <= max(tolerance, rel_tolerance * |ref|)``; exact (1e-9) when
  neither tolerance is given. Arithmetic is exact (fractions).
* ``regex`` -- the extracted answer (whitespace-stripped) fully matches ``pattern``.
* ``set`` -- elements split on ``separator`` (a final ``and`` is tolerated),
  normalised, order and duplicates ignored. Correct only for the exact set;
  ``score`` is the Jaccard index |A∩B| / |A∪B| as partial credit.
* ``symbolic`` -- mathematically equivalent expression or equation
  (see `symbolic.equivalent`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from fractions import Fraction

from selftaught.checkers.extract import extract_answer, has_answer_line
from selftaught.checkers.symbolic import MathParseError, equivalent, parse_math
from selftaught.checkers.text import find_number, normalise, parse_number
from selftaught.types import Exercise, Grade

__all__ = [
    "BUILTIN_CHECKERS",
    "check_choice",
    "check_exact",
    "check_numeric",
    "check_regex",
    "check_set",
    "check_symbolic",
    "choice_index",
    "split_set",
]

Checker = Callable[[str, Exercise], Grade]
MAX_RESPONSE = 20_000
"""Longer responses are graded on their last 20,000 characters (keeps regexes fast)."""
_NO_ANSWER_LINE = " (No 'Answer:' line found, so your last line was graded.)"


def _read(response: str) -> tuple[str | None, str]:
    """The extracted answer and a note to append to feedback when the convention was missed."""
    response = response[-MAX_RESPONSE:]
    extracted = extract_answer(response)
    note = "" if extracted is None or has_answer_line(response) else _NO_ANSWER_LINE
    return extracted, note


def _missing(item: Exercise) -> Grade:
    return Grade(
        score=0.0,
        correct=False,
        feedback=(
            "No answer found: end your reply with a line 'Answer: <your answer>'. "
            f"The expected answer is {item.answer!r}."
        ),
        extracted=None,
    )


def _verdict(ok: bool, got: str, item: Exercise, note: str, why: str = "") -> Grade:
    if ok:
        return Grade(score=1.0, correct=True, feedback=f"Correct: {got!r}.{note}", extracted=got)
    feedback = f"Incorrect: you answered {got!r}; the expected answer is {item.answer!r}."
    return Grade(
        score=0.0,
        correct=False,
        feedback=feedback + (f" {why}" if why else "") + note,
        extracted=got,
    )


def check_exact(response: str, item: Exercise) -> Grade:
    """Normalised text match against the answer and its aliases.

    >>> from selftaught.types import Exercise
    >>> item = Exercise(id="e", prompt="Plural of blick?", answer="blick-en")
    >>> check_exact("I think it is dogs.\\nAnswer: dogs", item).feedback
    "Incorrect: you answered 'dogs'; the expected answer is 'blick-en'."
    >>> check_exact("**Answer:** Blick-en.", item).correct
    True
    """
    got, note = _read(response)
    if got is None:
        return _missing(item)
    cs = item.checker.case_sensitive
    accepted = {normalise(a, case_sensitive=cs) for a in (item.answer, *item.checker.aliases)}
    return _verdict(normalise(got, case_sensitive=cs) in accepted, got, item, note)


_LETTER_ONLY = re.compile(r"^(?:option\s+)?\(?([a-z])\)?[.):]?$", re.IGNORECASE)
_LETTER_TEXT = re.compile(r"^(?:option\s+)?\(?([a-z])[.):]\s+(.+)$", re.IGNORECASE)
_LETTER_LIST = re.compile(r"^\(?[a-z]\)?(?:\s*(?:,|or|and|/|&)\s*\(?[a-z]\)?)+$", re.IGNORECASE)


def _letter(i: int) -> str:
    return chr(ord("A") + i)


def choice_index(text: str, options: list[str], *, case_sensitive: bool = False) -> list[int]:
    """Which options a text names: ``[i]`` for one, ``[]`` for none, several if ambiguous.

    >>> choice_index("(B)", ["cat", "dog"])
    [1]
    >>> choice_index("b) dog", ["cat", "dog"])
    [1]
    >>> choice_index("cat or dog", ["cat", "dog"])
    [0, 1]
    """
    norm = normalise(text, case_sensitive=case_sensitive)
    texts = [normalise(o, case_sensitive=case_sensitive) for o in options]
    if norm in texts:
        return [i for i, t in enumerate(texts) if t == norm]
    stripped = text.strip().strip("*_`\"'")
    letter_only = _LETTER_ONLY.match(stripped)
    if letter_only:
        i = ord(letter_only.group(1).upper()) - ord("A")
        return [i] if i < len(options) else []
    letter_text = _LETTER_TEXT.match(stripped)
    if letter_text:
        i = ord(letter_text.group(1).upper()) - ord("A")
        rest = normalise(letter_text.group(2), case_sensitive=case_sensitive)
        named = {i} if i < len(options) else set()
        named |= {j for j, t in enumerate(texts) if t == rest}
        return sorted(named)
    found = {
        i
        for i, t in enumerate(texts)
        if t and re.search(rf"(?<!\w){re.escape(t)}(?!\w)", norm) is not None
    }
    letters = re.findall(r"\(([A-Za-z])\)", stripped)
    if _LETTER_LIST.match(stripped):  # "A or B", "a, c"
        letters += re.findall(r"\b([A-Za-z])\b", stripped)
    found |= {i for i in (ord(c.upper()) - ord("A") for c in letters) if i < len(options)}
    return sorted(found)


def check_choice(response: str, item: Exercise) -> Grade:
    """Multiple choice by letter or option text; naming two options is wrong.

    >>> from selftaught.types import CheckerSpec, Exercise
    >>> spec = CheckerSpec(kind="choice", options=["cat", "dog", "bird"])
    >>> item = Exercise(id="e", prompt="Which barks?", answer="dog", checker=spec)
    >>> check_choice("Answer: (B)", item).correct
    True
    >>> check_choice("Answer: dog or bird", item).feedback  # doctest: +ELLIPSIS
    "Incorrect: your answer names 2 options (B, C); choose exactly one. The correct ..."
    >>> check_choice("Answer: cat", item).feedback
    "Incorrect: you chose (A) 'cat'; the correct option is (B) 'dog'."
    """
    got, note = _read(response)
    if got is None:
        return _missing(item)
    options = item.checker.options or []
    cs = item.checker.case_sensitive
    ref = choice_index(item.answer, options, case_sensitive=cs)
    if len(ref) != 1:
        raise ValueError(
            f"exercise {item.id}: reference answer {item.answer!r} names no single option "
            "(run `selftaught textbook validate` on the book)"
        )
    right = f"({_letter(ref[0])}) {options[ref[0]]!r}"
    named = choice_index(got, options, case_sensitive=cs)
    if named == ref:
        return Grade(score=1.0, correct=True, feedback=f"Correct: {right}.{note}", extracted=got)
    if not named:
        why = f"Incorrect: {got!r} names none of the options. The correct option is {right}."
    elif len(named) > 1:
        letters = ", ".join(_letter(i) for i in named)
        why = (
            f"Incorrect: your answer names {len(named)} options ({letters}); choose exactly one. "
            f"The correct option is {right}."
        )
    else:
        why = (
            f"Incorrect: you chose ({_letter(named[0])}) {options[named[0]]!r}; "
            f"the correct option is {right}."
        )
    return Grade(score=0.0, correct=False, feedback=why + note, extracted=got)


def _fmt(x: Fraction) -> str:
    return str(x.numerator) if x.denominator == 1 else f"{float(x):.10g}"


def check_numeric(response: str, item: Exercise) -> Grade:
    """The number the answer states, within tolerance of the reference.

    >>> from selftaught.types import CheckerSpec, Exercise
    >>> item = Exercise(id="e", prompt="3/4 of 8?", answer="6",
    ...                 checker=CheckerSpec(kind="numeric", tolerance=0.01))
    >>> check_numeric("So we get six... Answer: 6.00 apples", item).correct
    True
    >>> check_numeric("Answer: 1,000", item).feedback
    "Incorrect: you answered '1,000' (read as 1000); the expected answer is 6 (within ±0.01)."
    """
    got, note = _read(response)
    if got is None:
        return _missing(item)
    spec = item.checker
    ref = parse_number(item.answer)
    value = find_number(got)
    if value is None:
        return Grade(
            score=0.0,
            correct=False,
            feedback=f"Incorrect: no number found in {got!r}; the expected answer is {_fmt(ref)}."
            + note,
            extracted=got,
        )
    abs_tol = Fraction(spec.tolerance) if spec.tolerance is not None else Fraction(0)
    rel_tol = Fraction(spec.rel_tolerance) if spec.rel_tolerance is not None else Fraction(0)
    if spec.tolerance is None and spec.rel_tolerance is None:
        abs_tol = Fraction(1, 10**9)
    allowed = max(abs_tol, rel_tol * abs(ref))
    if abs(value - ref) <= allowed:
        return Grade(score=1.0, correct=True, feedback=f"Correct: {got!r}.{note}", extracted=got)
    within = f" (within ±{float(allowed):g})" if allowed >= Fraction(1, 10**6) else ""
    return Grade(
        score=0.0,
        correct=False,
        feedback=(
            f"Incorrect: you answered {got!r} (read as {_fmt(value)}); "
            f"the expected answer is {_fmt(ref)}{within}." + note
        ),
        extracted=got,
    )


def check_regex(response: str, item: Exercise) -> Grade:
    """The extracted answer must fully match ``checker.pattern``.

    >>> from selftaught.types import CheckerSpec, Exercise
    >>> item = Exercise(id="e", prompt="Any zorp word", answer="zorpa",
    ...                 checker=CheckerSpec(kind="regex", pattern=r"zorp[aeiou]"))
    >>> check_regex("Answer: zorpi", item).correct
    True
    """
    got, note = _read(response)
    if got is None:
        return _missing(item)
    pattern = item.checker.pattern or ""
    ok = re.fullmatch(pattern, got.strip()) is not None
    why = f"An answer of the required form is {item.answer!r}."
    if ok:
        return _verdict(True, got, item, note)
    return Grade(
        score=0.0,
        correct=False,
        feedback=f"Incorrect: {got!r} is not of the required form. {why}{note}",
        extracted=got,
    )


def split_set(text: str, separator: str, *, case_sensitive: bool = False) -> set[str]:
    """Split an unordered answer into normalised elements.

    >>> sorted(split_set("Red, green, and BLUE.", ","))
    ['blue', 'green', 'red']
    """
    parts = text.split(separator) if separator else [text]
    if separator.strip() in {",", ";"} and parts:
        last = parts[-1].strip()
        if " and " in last and len(parts) > 1 and not last.lower().startswith("and "):
            parts[-1:] = last.split(" and ")
    out: set[str] = set()
    for part in parts:
        elem = normalise(part, case_sensitive=case_sensitive)
        if elem.casefold().startswith("and "):
            elem = elem[4:].strip()
        if elem:
            out.add(elem)
    return out


def check_set(response: str, item: Exercise) -> Grade:
    """Unordered set: correct only if equal; score is the Jaccard index.

    >>> from selftaught.types import CheckerSpec, Exercise
    >>> item = Exercise(id="e", prompt="Primes below 6?", answer="2, 3, 5",
    ...                 checker=CheckerSpec(kind="set"))
    >>> g = check_set("Answer: 5, 2, 4", item)
    >>> (g.correct, g.score)
    (False, 0.5)
    >>> g.feedback  # doctest: +ELLIPSIS
    "Partly correct (2 of 3 expected): missing '3'; not in the set: '4'. The expected set ..."
    """
    got, note = _read(response)
    if got is None:
        return _missing(item)
    spec = item.checker
    want = split_set(item.answer, spec.separator, case_sensitive=spec.case_sensitive)
    have = split_set(got, spec.separator, case_sensitive=spec.case_sensitive)
    union = want | have
    score = len(want & have) / len(union) if union else 0.0
    if have == want:
        return Grade(score=1.0, correct=True, feedback=f"Correct: {got!r}.{note}", extracted=got)
    parts = []
    if want - have:
        parts.append("missing " + ", ".join(repr(e) for e in sorted(want - have)))
    if have - want:
        parts.append("not in the set: " + ", ".join(repr(e) for e in sorted(have - want)))
    head = f"Partly correct ({len(want & have)} of {len(want)} expected)" if want & have else (
        "Incorrect")  # fmt: skip
    return Grade(
        score=score,
        correct=False,
        feedback=f"{head}: {'; '.join(parts)}. The expected set is {item.answer}.{note}",
        extracted=got,
    )


def check_symbolic(response: str, item: Exercise) -> Grade:
    """Mathematical equivalence of expressions or equations (sympy, parsed safely).

    >>> from selftaught.types import CheckerSpec, Exercise
    >>> item = Exercise(id="e", prompt="Expand (x+1)^2", answer="x^2 + 2x + 1",
    ...                 checker=CheckerSpec(kind="symbolic"))
    >>> check_symbolic("Answer: $(1 + x)^2$", item).correct
    True
    """
    got, note = _read(response)
    if got is None:
        return _missing(item)
    ref = parse_math(item.answer)
    try:
        mine = parse_math(got)
    except MathParseError as err:
        return Grade(
            score=0.0,
            correct=False,
            feedback=(
                f"Incorrect: could not read {got!r} as math ({err}); write it like "
                f"{item.answer!r}, using * / ^ and parentheses." + note
            ),
            extracted=got,
        )
    same = equivalent(mine, ref)
    if same is None:
        why = "Its equivalence could not be verified; simplify it."
        return _verdict(False, got, item, note, why)
    kind = "an equation" if ref.is_equation else "an expression"
    why = "" if same or mine.is_equation == ref.is_equation else f"The answer must be {kind}."
    return _verdict(same, got, item, note, why)


BUILTIN_CHECKERS: dict[str, Checker] = {
    "exact": check_exact,
    "choice": check_choice,
    "numeric": check_numeric,
    "regex": check_regex,
    "set": check_set,
    "symbolic": check_symbolic,
}
"""Kind -> checker for every built-in kind (``python-tests`` is registered by the sandbox)."""
