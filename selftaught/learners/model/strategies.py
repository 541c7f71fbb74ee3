"""Study strategies: how a learner turns what it is shown into things to remember.

A strategy is a small object with two verbs -- ``from_chapter`` (the exposition and
worked examples, when a chapter is studied) and ``from_feedback`` (one practice
exercise with its reference answer and the checker's feedback) -- returning
`Derived`: training conversations (`SelfEdit`, for a LoRA memory) and notes (for a
notes memory). Strategies are pure functions of their inputs and of the `StudyLog`
(what the learner has been shown so far, saved with its state), so a resumed learner
derives exactly what an uninterrupted one would.

Every strategy here uses only what every textbook gives: exposition prose, worked
examples, exercise prompts and feedback. The one exception, ``flashcards`` (the
glossary cards of generated language books), lives in ``legacy.py`` and is off by
default.

=================  ==========================================================================
``examples``       each worked example as a question and its answer, and its solution as text
``feedback``       each practice exercise with its reference answer (the answer key)
``exposition``     continued training on the exposition's own paragraphs (raw text)
``cloze``          salient-span blanks from every sentence, one blank per span, so each fact is
                   asked from each of its sides (against the reversal curse)
``questions``      definitions (``X means Y``, ``X: Y``) asked both ways in generic phrasings
``phrasings``      every definition and answered item asked in every phrasing the book's own
                   examples and exercises use, in the direction those items go
``model-written``  the model writes notes and Q/A pairs itself (a meta-trainer's target)
=================  ==========================================================================
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from selftaught.learners.model import text as T
from selftaught.learners.notebook import Note
from selftaught.types import Chapter, Exercise, Grade

NOTES_REQUEST = (
    "Read this lesson and write down its key facts as short notes, one fact per line.\n\n"
    "Lesson: {title}\n{exposition}"
)
QA_REQUEST = (
    "Read this lesson and write questions a teacher could ask about it, each with its answer, "
    "one per line in the form 'Q: <question> A: <answer>'.\n\nLesson: {title}\n{exposition}"
)
QA_RE = re.compile(r"Q:\s*(?P<q>.+?)\s*A:\s*(?P<a>.+)", re.IGNORECASE)
BULLET_RE = T.BULLET_RE
ANSWER_PREFIX = "Answer: "
"""The reply every answer conversation is trained to give, matching the answering prefill."""


@dataclass(frozen=True)
class SelfEdit:
    """One training sequence derived from the material.

    ``chat``: a question (``prompt``) and the reply to learn, rendered as the answering
    conversation; otherwise ``reply`` is raw text trained on as a whole (``prompt`` empty).
    """

    prompt: str
    reply: str
    chapter: int
    source: str
    """The strategy that made it (``examples``, ``cloze``, ...)."""
    chat: bool = True


@dataclass
class StudyLog:
    """What the learner has been shown so far, in order; saved with its state."""

    chapters: list[dict[str, Any]] = field(default_factory=list)
    """Studied chapters as ``{"title", "exposition", "examples": [[prompt, answer], ...]}``."""
    answered: list[tuple[str, str]] = field(default_factory=list)
    """(prompt, reference answer) of every worked example and practice exercise seen."""

    def record_chapter(self, chapter: Chapter) -> None:
        self.chapters.append({
            "title": chapter.title, "exposition": chapter.exposition,
            "examples": [[ex.prompt, ex.answer] for ex in chapter.examples],
        })
        self.answered += [(ex.prompt.strip(), ex.answer.strip()) for ex in chapter.examples]

    def record_feedback(self, item: Exercise) -> None:
        self.answered.append((item.prompt.strip(), item.answer.strip()))

    def definitions(self) -> list[tuple[str, str]]:
        """Every definition stated in the expositions studied so far (`text.definitions`)."""
        return [d for ch in self.chapters for d in T.definitions(ch["exposition"])]

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> StudyLog:
        return cls(chapters=list(raw["chapters"]),
                   answered=[(str(p), str(a)) for p, a in raw["answered"]])


@dataclass
class Derived:
    """What a strategy derived: training sequences and notes."""

    edits: list[SelfEdit] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)

    def __iadd__(self, other: Derived) -> Derived:
        self.edits += other.edits
        self.notes += other.notes
        return self


@dataclass(frozen=True)
class StudyContext:
    """What a strategy may use besides the material: the log, the learner's RNG, its
    tokenizer (for salience) and, for ``model-written``, the model as a writer."""

    log: StudyLog
    rng: random.Random
    count_tokens: Callable[[str], int]
    write: Callable[[str], str] | None = None
    cloze_per_sentence: int = 2
    max_phrasing_cards: int = 64
    analogies: int = 6
    """``flashcards`` only: analogies made per translation seen."""


class Strategy(Protocol):
    """A study strategy (see the module docstring)."""

    name: str

    def from_chapter(self, chapter: Chapter, number: int, ctx: StudyContext) -> Derived: ...

    def from_feedback(
        self, item: Exercise, grade: Grade, number: int, ctx: StudyContext
    ) -> Derived: ...


def qa(prompt: str, answer: str, number: int, source: str) -> SelfEdit:
    """A question/answer training conversation in the answering form."""
    return SelfEdit(prompt.strip(), ANSWER_PREFIX + answer.strip(), number, source)


class _NoFeedback:
    def from_feedback(
        self, item: Exercise, grade: Grade, number: int, ctx: StudyContext
    ) -> Derived:
        del item, grade, number, ctx
        return Derived()


class _NoChapter:
    def from_chapter(self, chapter: Chapter, number: int, ctx: StudyContext) -> Derived:
        del chapter, number, ctx
        return Derived()


class Examples(_NoFeedback):
    """Worked examples: the question with its answer, and the solution as text to read."""

    name = "examples"

    def from_chapter(self, chapter: Chapter, number: int, ctx: StudyContext) -> Derived:
        del ctx
        out = Derived()
        for ex in chapter.examples:
            out.edits.append(qa(ex.prompt, ex.answer, number, self.name))
            if ex.solution.strip():
                out.edits.append(SelfEdit("", f"{ex.prompt.strip()}\n{ex.solution.strip()}\n"
                                          f"{ANSWER_PREFIX}{ex.answer.strip()}", number,
                                          self.name, chat=False))
        return out


class Feedback(_NoChapter):
    """The answer key: each practice exercise with its reference answer."""

    name = "feedback"

    def from_feedback(
        self, item: Exercise, grade: Grade, number: int, ctx: StudyContext
    ) -> Derived:
        del grade, ctx
        return Derived(edits=[qa(item.prompt, item.answer, number, self.name)])


class Exposition(_NoFeedback):
    """Continued training on the exposition itself: its paragraphs as raw text."""

    name = "exposition"

    def from_chapter(self, chapter: Chapter, number: int, ctx: StudyContext) -> Derived:
        del ctx
        body = f"{chapter.title}\n\n{chapter.exposition}"
        return Derived(edits=[SelfEdit("", p, number, self.name, chat=False)
                              for p in T.paragraphs(body)])


class Cloze(_NoFeedback):
    """Salient-span cloze: each sentence with one of its salient spans blanked, per span.

    Blanking each span of a sentence in turn asks the same fact from each side (``____
    means water`` and ``telo means ____``), the cheap cure for the reversal curse.
    """

    name = "cloze"

    def from_chapter(self, chapter: Chapter, number: int, ctx: StudyContext) -> Derived:
        out = Derived()
        for sentence in T.sentences(chapter.exposition):
            if len(sentence.split()) < 3:
                continue
            spans = T.salient_spans(sentence, ctx.count_tokens)
            ctx.rng.shuffle(spans)
            made = 0
            for span in spans:
                blanked = T.blank(sentence, span)
                if blanked is None:
                    continue
                out.edits.append(qa(f"Fill in the blank: {blanked}", span, number, self.name))
                made += 1
                if made >= ctx.cloze_per_sentence:
                    break
        return out


class Questions(_NoFeedback):
    """Definitions asked both ways in generic phrasings: ``What does X mean?`` -> Y and
    ``What is the word for Y?`` -> X."""

    name = "questions"

    def from_chapter(self, chapter: Chapter, number: int, ctx: StudyContext) -> Derived:
        del ctx
        out = Derived()
        for a, b in T.definitions(chapter.exposition):
            out.edits.append(qa(f"What does '{a}' mean?", b, number, self.name))
            out.edits.append(qa(f"What is the word for '{b}'?", a, number, self.name))
        return out


class Phrasings:
    """Every fact asked in every phrasing the book itself uses, in the direction it goes.

    A phrasing is mined from two prompts that differ only in one span (`text.template`),
    among the worked examples and practice exercises seen so far. Its direction is read
    from its own answered items: if an item's slot is the term of a stated definition and
    its answer the meaning, the phrasing asks term -> meaning (and the other way round).
    Every definition is then asked in every phrasing whose direction is known, so a probe
    that uses the book's other wording, about another item of the same skill, has been
    drilled. Phrasings whose direction is unknown are left alone: guessing would teach
    wrong answers.
    """

    name = "phrasings"

    def from_chapter(self, chapter: Chapter, number: int, ctx: StudyContext) -> Derived:
        del chapter
        return Derived(edits=self._cards(number, ctx))

    def from_feedback(
        self, item: Exercise, grade: Grade, number: int, ctx: StudyContext
    ) -> Derived:
        del grade
        cards = self._cards(number, ctx)
        return Derived(edits=[c for c in cards if c.prompt != item.prompt.strip()])

    def _cards(self, number: int, ctx: StudyContext) -> list[SelfEdit]:
        facts = ctx.log.definitions()
        if not facts:
            return []
        meaning_of = {T.norm(a): b for a, b in facts}
        term_of = {T.norm(b): a for a, b in facts}
        answers = dict(ctx.log.answered)
        cards: list[SelfEdit] = []
        for phrasing, slots in T.templates(answers).items():
            forward = sum(T.norm(meaning_of.get(T.norm(s), "\0")) == T.norm(answers[p])
                          for p, s in slots.items())
            backward = sum(T.norm(term_of.get(T.norm(s), "\0")) == T.norm(answers[p])
                           for p, s in slots.items())
            if forward == backward:
                continue
            pairs = facts if forward > backward else [(b, a) for a, b in facts]
            for x, y in pairs:
                cards.append(qa(phrasing.format(x=x), y, number, self.name))
        ctx.rng.shuffle(cards)
        return cards[: ctx.max_phrasing_cards]


class ModelWritten(_NoFeedback):
    """The model writes the lesson's key facts (notes) and Q/A pairs (self-edits) itself."""

    name = "model-written"

    def from_chapter(self, chapter: Chapter, number: int, ctx: StudyContext) -> Derived:
        if ctx.write is None:
            raise ValueError("the model-written strategy needs a writer model")
        out = Derived()
        request = NOTES_REQUEST.format(title=chapter.title, exposition=chapter.exposition)
        for line in ctx.write(request).splitlines():
            line = BULLET_RE.sub("", line).strip()
            if len(line.split()) >= 2:
                out.notes.append(Note(line, f"model:{chapter.id}", number))
        request = QA_REQUEST.format(title=chapter.title, exposition=chapter.exposition)
        for line in ctx.write(request).splitlines():
            match = QA_RE.search(line)
            if match:
                out.edits.append(qa(match["q"], match["a"], number, "model"))
        return out


STRATEGIES: dict[str, Callable[[], Strategy]] = {
    "examples": Examples,
    "feedback": Feedback,
    "exposition": Exposition,
    "cloze": Cloze,
    "questions": Questions,
    "phrasings": Phrasings,
    "model-written": ModelWritten,
}
"""Strategy name -> constructor. ``flashcards`` is added by ``legacy.py``, which the
package imports (``selftaught.learners.model``), so it is registered before any use."""


def make_strategies(names: tuple[str, ...]) -> list[Strategy]:
    """The strategies named, in order; an unknown name is a `ValueError` listing the known."""
    unknown = [n for n in names if n not in STRATEGIES]
    if unknown:
        raise ValueError(f"unknown strategy {', '.join(map(repr, unknown))} (expected some of: "
                         f"{', '.join(sorted(STRATEGIES))})")
    return [STRATEGIES[n]() for n in names]
