"""Probes are parallel forms: paraphrased, other items of the same skill, never copies.

Also: the items cannot be answered without studying (the pre-test sits near
chance): answers are never given away by the prompt, and remembering the
exercises' answers passes no probe.
"""

from __future__ import annotations

import difflib
import re

from selftaught.checkers import grade, normalise
from selftaught.types import Exercise, Textbook


def _accepted(item: Exercise) -> set[str]:
    return {normalise(a) for a in (item.answer, *item.checker.aliases)}


def _ratio(a: str, b: str, *, above: float = 0.0) -> float:
    """difflib similarity; when it is surely at most ``above``, a cheap upper bound instead."""
    matcher = difflib.SequenceMatcher(None, a.casefold(), b.casefold(), autojunk=False)
    if matcher.real_quick_ratio() <= above or matcher.quick_ratio() <= above:
        return min(matcher.quick_ratio(), matcher.real_quick_ratio())
    return matcher.ratio()


def test_no_probe_copies_or_nearly_copies_a_studied_prompt(books: list[Textbook]) -> None:
    for book in books:
        studied = [
            (text, f"{c.id} {kind}")
            for c in book.chapters
            for kind, text in [*(("example", e.prompt) for e in c.examples),
                               *(("exercise", e.prompt) for e in c.exercises)]
        ]
        for chapter in book.chapters:
            for probe in chapter.probes:
                for text, where in studied:
                    ratio = _ratio(probe.prompt, text, above=0.9)
                    assert ratio <= 0.9, (
                        f"{book.id} {probe.id} {probe.prompt!r} ~ {where} {text!r} ({ratio:.2f})"
                    )


def test_probes_use_other_wording_than_the_exercises(books: list[Textbook]) -> None:
    """A probe's template (its prompt with the quoted/numeric content removed) is never an
    exercise's template: the paraphrase is in the wording, not only in the content."""

    def template(prompt: str) -> str:
        return re.sub(r"'[^']*'|\d+", "_", prompt)

    for book in books:
        exercise_templates = {template(e.prompt) for c in book.chapters for e in c.exercises}
        for chapter in book.chapters:
            for probe in chapter.probes:
                assert template(probe.prompt) not in exercise_templates, (book.id, probe.id)


def test_probe_items_differ_from_exercise_items_of_the_same_skill(books: list[Textbook]) -> None:
    for book in books:
        for chapter in book.chapters:
            for probe in chapter.probes:
                same_skill = [e for e in chapter.exercises if e.skill == probe.skill]
                assert same_skill, f"{book.id} {probe.id}: skill {probe.skill} never practised"
                for exercise in same_skill:
                    shared = _accepted(probe) & _accepted(exercise)
                    assert not shared, f"{book.id} {probe.id} and {exercise.id} share {shared}"


def test_probes_within_a_chapter_are_distinct(books: list[Textbook]) -> None:
    for book in books:
        for chapter in book.chapters:
            prompts = [normalise(p.prompt) for p in chapter.probes]
            assert len(set(prompts)) == len(prompts), (book.id, chapter.id)
            exercises = [normalise(e.prompt) for e in chapter.exercises]
            assert len(set(exercises)) == len(exercises), (book.id, chapter.id)


def test_every_chapter_mixes_at_least_two_item_forms(default_books: list[Textbook]) -> None:
    """Probes are not one template repeated: there are several wordings per chapter."""
    for book in default_books:
        for chapter in book.chapters:
            starts = {p.prompt.split()[0] for p in chapter.probes}
            assert len(starts) >= 2, (book.id, chapter.id, starts)


def test_answers_are_short(default_books: list[Textbook]) -> None:
    """Learnable in minutes: one word or number, or a short sentence."""
    for book in default_books:
        for chapter in book.chapters:
            for item in (*chapter.exercises, *chapter.probes):
                assert len(item.answer.split()) <= 8, (book.id, item.id, item.answer)
                assert len(item.prompt) <= 120, (book.id, item.id, item.prompt)


def test_the_prompt_never_gives_the_answer_away(books: list[Textbook]) -> None:
    """Copying any quoted text or number of the prompt answers (almost) nothing."""
    total = solved = 0
    for book in books:
        for chapter in book.chapters:
            for item in (*chapter.exercises, *chapter.probes):
                candidates = re.findall(r"'([^']*)'", item.prompt) + re.findall(r"-?\d+",
                                                                              item.prompt)
                total += 1
                solved += any(grade(f"Answer: {c}", item).correct for c in candidates)
    assert solved / total <= 0.02, f"{solved} of {total} items answered by copying the prompt"


def test_remembering_exercise_answers_passes_no_probe(books: list[Textbook]) -> None:
    """A memoriser answers each probe with the answer of its chapter's most similar exercise."""
    for book in books:
        correct = total = 0
        for chapter in book.chapters:
            for probe in chapter.probes:
                nearest = max(chapter.exercises, key=lambda e: _ratio(e.prompt, probe.prompt))
                correct += grade(f"Answer: {nearest.answer}", probe).correct
                total += 1
        assert correct / total <= 0.05, f"{book.id}: memoriser got {correct}/{total}"
