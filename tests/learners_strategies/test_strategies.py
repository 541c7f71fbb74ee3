"""Each study strategy on its own: what it derives from a small prose chapter.

Pure text, no model: the tokenizer is a stand-in that splits invented words into many
pieces (as a real one does), so salience is tested without loading anything.
"""

from __future__ import annotations

import random

import pytest

from selftaught.learners.model import text as T
from selftaught.learners.model.legacy import Flashcards
from selftaught.learners.model.strategies import (
    STRATEGIES,
    Cloze,
    Examples,
    Exposition,
    Feedback,
    ModelWritten,
    Phrasings,
    Questions,
    StudyContext,
    StudyLog,
    make_strategies,
)
from selftaught.types import Chapter, Exercise, Grade, WorkedExample

COMMON = {"water", "fruit", "person", "means", "word", "the", "for", "is", "and", "a", "call"}


def count_tokens(text: str) -> int:
    """Common English words are one token; anything else falls apart into 3."""
    word = text.strip().lower()
    return 1 if word in COMMON else 3


CHAPTER = Chapter(
    id="c1", title="First words",
    exposition=("Toki has few words. The word telo means water.\n\n"
                "- kili: fruit\n- jan: person\n\nSay 'telo' slowly."),
    examples=[WorkedExample(prompt="What does 'telo' mean in English?",
                            solution="telo is listed as water.", answer="water")],
    exercises=[Exercise(id="c1.e1", prompt="What does 'kili' mean in English?", answer="fruit")],
    probes=[Exercise(id="c1.p1", prompt="Give the English for 'jan'.", answer="person")],
)
RIGHT = Grade(score=1.0, correct=True, feedback="correct")


def context(log: StudyLog | None = None, **kw: object) -> StudyContext:
    log = log or StudyLog()
    return StudyContext(log=log, rng=random.Random(0), count_tokens=count_tokens, **kw)  # type: ignore[arg-type]


def studied() -> StudyContext:
    ctx = context()
    ctx.log.record_chapter(CHAPTER)
    return ctx


def test_examples_become_questions_and_solution_text() -> None:
    derived = Examples().from_chapter(CHAPTER, 1, context())
    chat = [e for e in derived.edits if e.chat]
    raw = [e for e in derived.edits if not e.chat]
    assert [(e.prompt, e.reply) for e in chat] == [
        ("What does 'telo' mean in English?", "Answer: water")]
    assert "telo is listed as water." in raw[0].reply and raw[0].prompt == ""


def test_feedback_is_the_answer_key() -> None:
    item = CHAPTER.exercises[0]
    derived = Feedback().from_feedback(item, RIGHT, 1, context())
    assert [(e.prompt, e.reply) for e in derived.edits] == [(item.prompt, "Answer: fruit")]
    assert Feedback().from_chapter(CHAPTER, 1, context()).edits == []


def test_exposition_is_raw_text_of_every_paragraph() -> None:
    derived = Exposition().from_chapter(CHAPTER, 1, context())
    assert all(not e.chat for e in derived.edits)
    text = " ".join(e.reply for e in derived.edits)
    assert "telo means water" in text and "kili: fruit" in text


def test_cloze_blanks_salient_spans_from_each_side() -> None:
    derived = Cloze().from_chapter(CHAPTER, 1, context(cloze_per_sentence=3))
    pairs = {(e.prompt, e.reply) for e in derived.edits}
    assert ("Fill in the blank: The word ____ means water.", "Answer: telo") in pairs
    # a common word is never blanked; every answer is a span of its sentence
    assert all(e.reply != "Answer: water" or "telo" in e.prompt for e in derived.edits)
    assert all(e.reply.removeprefix("Answer: ") not in COMMON for e in derived.edits)


def test_questions_ask_definitions_both_ways() -> None:
    pairs = {(e.prompt, e.reply) for e in Questions().from_chapter(CHAPTER, 1, context()).edits}
    assert ("What does 'kili' mean?", "Answer: fruit") in pairs
    assert ("What is the word for 'fruit'?", "Answer: kili") in pairs


def test_phrasings_ask_every_fact_in_the_books_own_wording_and_direction() -> None:
    ctx = studied()
    item = CHAPTER.exercises[0]
    ctx.log.record_feedback(item)  # two prompts of one phrasing: a template is found
    derived = Phrasings().from_feedback(item, RIGHT, 1, ctx)
    pairs = {(e.prompt, e.reply) for e in derived.edits}
    assert ("What does 'jan' mean in English?", "Answer: person") in pairs
    assert all(e.prompt != item.prompt for e in derived.edits)
    # the direction came from the answered items: never the reverse question
    assert ("What does 'person' mean in English?", "Answer: jan") not in pairs


def test_phrasings_skip_phrasings_of_unknown_direction() -> None:
    ctx = studied()
    ctx.log.answered[:] = [("Spell 'aa' backwards.", "x"), ("Spell 'bb' backwards.", "y")]
    assert Phrasings().from_chapter(CHAPTER, 1, ctx).edits == []


def test_model_written_parses_notes_and_pairs() -> None:
    replies = iter(["- telo is water\n", "Q: What is telo? A: water\nnoise"])
    ctx = context(write=lambda request: next(replies))
    derived = ModelWritten().from_chapter(CHAPTER, 1, ctx)
    assert [n.text for n in derived.notes] == ["telo is water"]
    assert [(e.prompt, e.reply) for e in derived.edits] == [("What is telo?", "Answer: water")]
    with pytest.raises(ValueError, match="writer"):
        ModelWritten().from_chapter(CHAPTER, 1, context())


def test_flashcards_strategy_is_registered_and_uses_the_glossary() -> None:
    ctx = studied()
    derived = Flashcards().from_chapter(CHAPTER, 1, ctx)
    assert any(e.reply == "Answer: fruit" for e in derived.edits)
    assert "flashcards" in {s.name for s in make_strategies(("flashcards",))}


def test_unknown_strategy_names_the_known_ones() -> None:
    with pytest.raises(ValueError, match=r"expected some of: .*cloze"):
        make_strategies(("clozee",))
    assert set(STRATEGIES) >= {"examples", "feedback", "exposition", "cloze", "questions",
                               "phrasings", "model-written"}


def test_log_round_trips() -> None:
    ctx = studied()
    ctx.log.record_feedback(CHAPTER.exercises[0])
    again = StudyLog.from_json(ctx.log.to_json())
    assert again == ctx.log
    assert ("kili", "fruit") in again.definitions()


def test_text_helpers_find_definitions_and_templates() -> None:
    assert T.definitions("The word for person is jan.") == [("jan", "person")]
    assert T.template("Who owns payroll?", "Who owns hiring?") == ("Who owns {x}?", "payroll",
                                                                   "hiring")
    assert T.salient_spans("Call Mara at 5.", count_tokens) == ["5", "Mara"]
