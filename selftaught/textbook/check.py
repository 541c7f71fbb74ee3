"""Conformance: is this textbook able to measure learning at all?

Validation (`validate.py`) says whether a file is well-formed; conformance says
whether the book it describes is *usable*, Gymnasium's ``check_env`` idea
applied to textbooks. A book fails conformance when:

* a chapter lacks exposition, exercises or probes;
* ids repeat (events are keyed by item id);
* a reference answer does not grade correct with its own checker -- then even
  a perfect learner scores 0 and the run measures the checker, not learning;
* a clearly wrong answer (``""``, ``"zzzz-not-an-answer"``) grades correct --
  a checker that accepts anything makes every learner look perfect;
* a probe copies (or nearly copies, difflib ratio above ``near_copy_ratio``)
  the prompt of an exercise or worked example -- probes must be paraphrased
  parallel forms, otherwise a memoriser passes them without learning;
* a probe's skill tag is not practised by any exercise of its chapter.

The tests run `check_textbook` over every built-in generator.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

import numpy as np

from selftaught.checkers import CheckerNotRegistered, grade
from selftaught.textbook.validate import Problem, format_path
from selftaught.types import Exercise, Textbook

__all__ = ["WRONG_ANSWERS", "ConformanceError", "check_textbook", "conformance_problems"]

WRONG_ANSWERS: tuple[str, ...] = ("", "zzzz-not-an-answer")
"""Responses no checker may accept."""


class ConformanceError(ValueError):
    """A textbook is well-formed but unusable; ``problems`` holds one line per problem."""

    def __init__(self, details: list[Problem]) -> None:
        self.details: list[Problem] = details
        self.problems: list[str] = [f"{p.path}: {p.message}" for p in details]
        super().__init__("\n".join(self.problems))


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def _as_response(answer: str) -> str:
    """A reference answer written the way a learner is told to answer."""
    return answer if "\n" in answer else f"Answer: {answer}"


def _grading_problems(item: Exercise, loc: str) -> list[Problem]:
    kind = item.checker.kind
    try:
        right = grade(_as_response(item.answer), item)
        if not right.correct:
            return [
                Problem(
                    loc,
                    f"the reference answer {item.answer!r} does not grade correct with its own "
                    f"{kind} checker ({right.feedback}) (fix the answer or the checker)",
                )
            ]
        out = []
        for wrong in WRONG_ANSWERS:
            if grade(wrong, item).correct:
                out.append(
                    Problem(
                        loc,
                        f"the {kind} checker accepts the wrong answer {wrong!r} "
                        "(make the checker stricter, e.g. a tighter pattern)",
                    )
                )
        return out
    except CheckerNotRegistered as err:
        return [Problem(loc, f"cannot be graded: {err}")]
    except (ValueError, re.error) as err:
        return [Problem(loc, f"its checker fails on the reference answer: {err}")]


def conformance_problems(book: Textbook, *, near_copy_ratio: float = 0.9) -> list[Problem]:
    """Every conformance problem of ``book`` (empty list: the book conforms)."""
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    shown: list[tuple[str, str, str]] = []  # (plain prompt, original, where) of studied items
    for c, chapter in enumerate(book.chapters):
        here = f"chapters[{c}]"
        entries: list[tuple[str, str]] = [(f"{here}.id", chapter.id)]
        if not chapter.exposition.strip():
            problems.append(Problem(f"{here}.exposition", "is empty (write the text to study)"))
        for group in ("exercises", "probes"):
            if not getattr(chapter, group):
                problems.append(Problem(f"{here}.{group}", f"has no {group} (add at least one)"))
        for group in ("exercises", "probes"):
            for e, item in enumerate(getattr(chapter, group)):
                loc = f"{here}.{group}[{e}]"
                entries.append((f"{loc}.id", item.id))
                problems += _grading_problems(item, loc)
        for loc, item_id in entries:
            if item_id in seen:
                problems.append(Problem(loc, f"duplicate id {item_id!r} (also at {seen[item_id]})"))
            else:
                seen[item_id] = loc
        for e, example in enumerate(chapter.examples):
            shown.append((_plain(example.prompt), example.prompt, f"{here}.examples[{e}]"))
        for e, item in enumerate(chapter.exercises):
            shown.append((_plain(item.prompt), item.prompt, f"{here}.exercises[{e}] ({item.id})"))
        skills = {item.skill for item in chapter.exercises if item.skill}
        for p, probe in enumerate(chapter.probes):
            if probe.skill and probe.skill not in skills:
                known = ", ".join(sorted(skills)) or "none"
                problems.append(
                    Problem(
                        format_path(("chapters", c, "probes", p, "skill")),
                        f"skill {probe.skill!r} is not practised by any exercise of this chapter "
                        f"(exercise skills: {known})",
                    )
                )
    problems += _copy_problems(book, shown, near_copy_ratio)
    return problems


_BUCKETS = 64
"""Character histogram width of the near-copy pre-filter (characters are bucketed by code
point modulo this; a bucket's count bounds the shared characters it holds from above)."""


def _histograms(texts: list[str]) -> np.ndarray:
    counts = np.zeros((len(texts), _BUCKETS), dtype=np.int32)
    for row, text in enumerate(texts):
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32) % _BUCKETS
        counts[row] = np.bincount(codes, minlength=_BUCKETS)
    return counts


def _copy_problems(
    book: Textbook, shown: list[tuple[str, str, str]], near_copy_ratio: float
) -> list[Problem]:
    """Probes that copy or nearly copy a studied prompt, in time near-linear in the book.

    Comparing every probe with every studied prompt through difflib is quadratic in the
    chapter count (a 400-chapter book took minutes). The result is unchanged, only found
    faster: difflib's ``ratio`` never exceeds ``real_quick_ratio`` (a bound from the two
    lengths) or ``quick_ratio`` (from the shared characters), so a vectorised upper bound
    of both -- lengths, and per-bucket character counts whose minimum bounds the shared
    characters from above -- discards almost every pair before difflib sees it; the few
    left are checked exactly as before, in the same order.
    """
    problems: list[Problem] = []
    if not shown:
        return problems
    texts = [other for other, _, _ in shown]
    lengths = np.array([len(t) for t in texts], dtype=np.int64)
    counts = _histograms(texts)
    exact: dict[str, list[int]] = {}
    for i, text in enumerate(texts):
        exact.setdefault(text, []).append(i)
    for c, chapter in enumerate(book.chapters):
        for p, probe in enumerate(chapter.probes):
            loc = format_path(("chapters", c, "probes", p, "prompt"))
            plain = _plain(probe.prompt)
            total = lengths + len(plain)
            shared = np.minimum(counts, _histograms([plain])[0]).sum(axis=1)
            with np.errstate(divide="ignore", invalid="ignore"):
                length_bound = np.where(total > 0, 2 * np.minimum(lengths, len(plain)) / total,
                                        1.0)  # fmt: skip
                char_bound = np.where(total > 0, 2 * shared / total, 1.0)
            candidates = set(np.flatnonzero((length_bound > near_copy_ratio)
                                            & (char_bound > near_copy_ratio)).tolist())
            candidates.update(exact.get(plain, ()))
            for i in sorted(candidates):
                other, where = texts[i], shown[i][2]
                if plain == other:
                    problems.append(
                        Problem(loc, f"copies the prompt of {where} (paraphrase the probe)")
                    )
                    break
                matcher = difflib.SequenceMatcher(None, plain, other, autojunk=False)
                if (
                    matcher.real_quick_ratio() > near_copy_ratio
                    and matcher.quick_ratio() > near_copy_ratio
                    and matcher.ratio() > near_copy_ratio
                ):
                    problems.append(
                        Problem(
                            loc,
                            f"near-copy of the prompt of {where} (similarity "
                            f"{matcher.ratio():.2f} > {near_copy_ratio}; paraphrase the probe)",
                        )
                    )
                    break
    return problems


def check_textbook(book: Textbook, *, near_copy_ratio: float = 0.9) -> None:
    """Raise `ConformanceError` listing every problem if ``book`` cannot measure learning."""
    problems = conformance_problems(book, near_copy_ratio=near_copy_ratio)
    if problems:
        raise ConformanceError(problems)
