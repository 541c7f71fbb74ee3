"""Scripted learners: stand-ins for models whose metric signatures are known in advance.

Why they exist: before trusting a metric on a real model we must see it give
the right answer on learners whose behaviour we know. Each scripted learner is
one `ScriptedLearner` (answering, guessing, costs, save/load) composed with a
*knowledge* policy that decides what it can recall:

========== =============================================== ==========================
name       knows                                           expected signature
========== =============================================== ==========================
oracle     every answer in the book, from the start         100% everywhere, gain 0
random     nothing; guesses                                 near chance everywhere
memoriser  exactly the (prompt -> answer) pairs it was      high on repeated exercises,
           shown: worked examples during ``study``, the     near chance on probes
           reference answer revealed by ``feedback``        (probes are paraphrased)
diligent   all items of every chapter it has studied        Hake gain 1, BWT 0
forgetful  all items of the LAST chapter it studied only    clearly negative BWT
========== =============================================== ==========================

"Knows chapter c" (diligent, forgetful) is looked up in the book by the
chapter's id: these two stand in for a perfect student, so their knowledge of
a studied chapter is complete, probes included, although they never see a
probe. Recall is by exact prompt text; a prompt it cannot recall is guessed:

* a choice item (``checker.kind == "choice"``): a uniformly random option letter;
* another item of the book: the reference answer of a random *other* item with
  the same checker kind (a plausible wrong answer, as a student would give);
* a prompt not in the book: a random invented five-letter token.

Every response has the form ``Answer: <text>``, the convention the checkers read.

Costs are counted, not measured on a tokenizer: one token per 4 characters
(rounded up) of what the learner reads (exposition, examples, prompts, feedback
text) and of what it writes (responses); no training tokens, no gradient steps.
``seconds`` is wall-clock time measured inside each verb.

The RNG is a `random.Random` seeded from the learner seed; its state is saved
and loaded with the knowledge and cost counters (``learner.json``), so a run
resumed from a checkpoint continues with exactly the same guesses.
"""

from __future__ import annotations

import json
import random
import string
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from selftaught.learners.protocol import Learner, LearnerFactory, register_learner
from selftaught.types import Chapter, Costs, Exercise, Grade, Textbook

STATE_FILE = "learner.json"
"""The one file a scripted learner's state lives in, inside the directory given to `save`."""

CHARS_PER_TOKEN = 4
"""Counted-token convention: one token per 4 characters, rounded up."""


def count_tokens(text: str) -> int:
    """Counted tokens of ``text``: ``ceil(len(text) / 4)``.

    >>> count_tokens(""), count_tokens("abcd"), count_tokens("abcde")
    (0, 1, 2)
    """
    return -(-len(text) // CHARS_PER_TOKEN)


class LearnerStateError(ValueError):
    """A saved learner state is missing, unreadable or belongs to another learner."""


class BookIndex:
    """Prompt -> (1-based chapter number, item) over every exercise and probe of a book.

    If two items share a prompt the first wins (books should not do this; the
    textbook checks flag it).
    """

    def __init__(self, book: Textbook) -> None:
        self.by_prompt: dict[str, tuple[int, Exercise]] = {}
        self.chapter_number: dict[str, int] = {}
        for number, chapter in enumerate(book.chapters, start=1):
            self.chapter_number[chapter.id] = number
            for item in (*chapter.exercises, *chapter.probes):
                self.by_prompt.setdefault(item.prompt, (number, item))
        answers_by_kind: dict[str, list[tuple[str, str]]] = {}
        for _, item in self.by_prompt.values():
            answers_by_kind.setdefault(item.checker.kind, []).append((item.id, item.answer))
        self.answers_by_kind = answers_by_kind

    def chapter_of(self, chapter: Chapter) -> int:
        """The 1-based number of ``chapter`` in the book, by id."""
        try:
            return self.chapter_number[chapter.id]
        except KeyError:
            raise ValueError(
                f"chapter {chapter.id!r} is not a chapter of this learner's textbook"
            ) from None


class Knowledge(Protocol):
    """What a scripted learner can recall, and how studying and feedback change it."""

    def on_study(self, number: int, chapter: Chapter) -> None:
        """Chapter ``number`` (1-based) was studied."""
        ...

    def on_feedback(self, item: Exercise) -> None:
        """The reference answer of ``item`` was shown."""
        ...

    def recall(self, prompt: str) -> str | None:
        """The answer it knows for ``prompt``, or None (then the learner guesses)."""
        ...

    def state(self) -> dict[str, Any]:
        """JSON-serialisable state."""
        ...

    def restore(self, state: dict[str, Any]) -> None:
        """Inverse of `state`."""
        ...


class OracleKnowledge:
    """Knows every item of the book from the start; learns nothing (it has nothing to learn)."""

    def __init__(self, index: BookIndex) -> None:
        self._index = index

    def on_study(self, number: int, chapter: Chapter) -> None:
        del number, chapter

    def on_feedback(self, item: Exercise) -> None:
        del item

    def recall(self, prompt: str) -> str | None:
        found = self._index.by_prompt.get(prompt)
        return found[1].answer if found else None

    def state(self) -> dict[str, Any]:
        return {}

    def restore(self, state: dict[str, Any]) -> None:
        del state


class NoKnowledge:
    """Knows nothing, ever: every answer is a guess."""

    def on_study(self, number: int, chapter: Chapter) -> None:
        del number, chapter

    def on_feedback(self, item: Exercise) -> None:
        del item

    def recall(self, prompt: str) -> str | None:
        del prompt
        return None

    def state(self) -> dict[str, Any]:
        return {}

    def restore(self, state: dict[str, Any]) -> None:
        del state


class MemoryKnowledge:
    """Exactly the (prompt -> answer) pairs it was shown: worked examples and revealed answers."""

    def __init__(self) -> None:
        self.memory: dict[str, str] = {}

    def on_study(self, number: int, chapter: Chapter) -> None:
        del number
        for example in chapter.examples:
            self.memory[example.prompt] = example.answer

    def on_feedback(self, item: Exercise) -> None:
        self.memory[item.prompt] = item.answer

    def recall(self, prompt: str) -> str | None:
        return self.memory.get(prompt)

    def state(self) -> dict[str, Any]:
        return {"memory": dict(self.memory)}

    def restore(self, state: dict[str, Any]) -> None:
        self.memory = {str(k): str(v) for k, v in state["memory"].items()}


class ChapterKnowledge:
    """Knows every item of the chapters it studied (all of them, or only the last one)."""

    def __init__(self, index: BookIndex, *, keep_last_only: bool) -> None:
        self._index = index
        self._keep_last_only = keep_last_only
        self.known_C: list[int] = []

    def on_study(self, number: int, chapter: Chapter) -> None:
        del chapter
        if self._keep_last_only:
            self.known_C = [number]
        elif number not in self.known_C:
            self.known_C.append(number)

    def on_feedback(self, item: Exercise) -> None:
        del item

    def recall(self, prompt: str) -> str | None:
        found = self._index.by_prompt.get(prompt)
        if found is None or found[0] not in self.known_C:
            return None
        return found[1].answer

    def state(self) -> dict[str, Any]:
        return {"known_C": list(self.known_C)}

    def restore(self, state: dict[str, Any]) -> None:
        self.known_C = [int(c) for c in state["known_C"]]


class ScriptedLearner:
    """A `Learner` whose recall is a `Knowledge` policy and whose ignorance is seeded guessing."""

    def __init__(self, name: str, book: Textbook, seed: int, knowledge: Knowledge,
                 index: BookIndex) -> None:
        self.name = name
        self._book_id = book.id
        self._index = index
        self._knowledge = knowledge
        self._rng = random.Random(seed)
        self._costs = Costs()

    # -- the protocol -------------------------------------------------------------------------

    def study(self, chapter: Chapter) -> None:
        """Scripted learners derive no text from study (the log's ``response`` stays None)."""
        with self._timed():
            number = self._index.chapter_of(chapter)
            read = chapter.exposition + "".join(
                ex.prompt + ex.solution + ex.answer for ex in chapter.examples
            )
            self._add(tokens_prompt=count_tokens(read))
            self._knowledge.on_study(number, chapter)

    def answer(self, prompts: list[str]) -> list[str]:
        with self._timed():
            responses: list[str] = []
            for prompt in prompts:
                known = self._knowledge.recall(prompt)
                responses.append(f"Answer: {known if known is not None else self._guess(prompt)}")
            self._add(
                tokens_prompt=sum(count_tokens(p) for p in prompts),
                tokens_sampled=sum(count_tokens(r) for r in responses),
            )
            return responses

    def feedback(self, item: Exercise, response: str, grade: Grade) -> None:
        with self._timed():
            self._add(tokens_prompt=count_tokens(grade.feedback + item.answer))
            del response
            self._knowledge.on_feedback(item)

    def costs(self) -> Costs:
        return self._costs

    def save(self, directory: Path) -> None:
        state = {
            "learner": self.name,
            "book_id": self._book_id,
            "rng": _rng_state_to_json(self._rng.getstate()),
            "costs": self._costs.model_dump(),
            "knowledge": self._knowledge.state(),
        }
        (Path(directory) / STATE_FILE).write_text(json.dumps(state, sort_keys=True) + "\n")

    def load(self, directory: Path) -> None:
        path = Path(directory) / STATE_FILE
        try:
            state = json.loads(path.read_text())
        except FileNotFoundError:
            raise LearnerStateError(
                f"{path}: no saved learner state (was the checkpoint directory moved or deleted?)"
            ) from None
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise LearnerStateError(
                f"{path}: corrupt learner state ({error}); delete the run directory and rerun"
            ) from None
        if not isinstance(state, dict) or state.get("learner") != self.name:
            found = state.get("learner") if isinstance(state, dict) else None
            raise LearnerStateError(
                f"{path}: state of learner {found!r}, not {self.name!r} (use --learner {found})"
            )
        if state.get("book_id") != self._book_id:
            raise LearnerStateError(
                f"{path}: state was saved for textbook {state.get('book_id')!r}, "
                f"not {self._book_id!r}"
            )
        try:
            self._rng.setstate(_rng_state_from_json(state["rng"]))
            self._costs = Costs(**state["costs"])
            self._knowledge.restore(state["knowledge"])
        except (KeyError, TypeError, ValueError) as error:
            raise LearnerStateError(
                f"{path}: malformed learner state ({error!r}); delete the run directory and rerun"
            ) from None

    # -- helpers ------------------------------------------------------------------------------

    def _guess(self, prompt: str) -> str:
        found = self._index.by_prompt.get(prompt)
        if found is None:
            return "".join(self._rng.choices(string.ascii_lowercase, k=5))
        item = found[1]
        options = item.checker.options
        if item.checker.kind == "choice" and options:
            return chr(ord("A") + self._rng.randrange(len(options)))
        others = [a for i, a in self._index.answers_by_kind[item.checker.kind] if i != item.id]
        if not others:
            return "".join(self._rng.choices(string.ascii_lowercase, k=5))
        return self._rng.choice(others)

    def _add(self, **counts: int) -> None:
        self._costs = self._costs + Costs(**counts)

    @contextmanager
    def _timed(self) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self._add_seconds(time.perf_counter() - start)

    def _add_seconds(self, seconds: float) -> None:
        self._costs = self._costs.model_copy(update={"seconds": self._costs.seconds + seconds})


def _rng_state_to_json(state: tuple[Any, ...]) -> list[Any]:
    version, internal, gauss_next = state
    return [version, list(internal), gauss_next]


def _rng_state_from_json(data: list[Any]) -> tuple[Any, ...]:
    version, internal, gauss_next = data
    return (int(version), tuple(int(x) for x in internal), gauss_next)


def _no_options(name: str, options: dict[str, Any]) -> None:
    if options:
        raise TypeError(
            f"learner {name!r} takes no options (got: {', '.join(sorted(options))})"
        )


def oracle(*, book: Textbook, seed: int, **options: Any) -> Learner:
    """Knows every answer in the book from the start."""
    _no_options("oracle", options)
    index = BookIndex(book)
    return ScriptedLearner("oracle", book, seed, OracleKnowledge(index), index)


def random_guesser(*, book: Textbook, seed: int, **options: Any) -> Learner:
    """Guesses every answer (chance level)."""
    _no_options("random", options)
    index = BookIndex(book)
    return ScriptedLearner("random", book, seed, NoKnowledge(), index)


def memoriser(*, book: Textbook, seed: int, **options: Any) -> Learner:
    """Recalls exactly the prompts it was shown with their answers; guesses otherwise."""
    _no_options("memoriser", options)
    index = BookIndex(book)
    return ScriptedLearner("memoriser", book, seed, MemoryKnowledge(), index)


def diligent(*, book: Textbook, seed: int, **options: Any) -> Learner:
    """Knows every item of every chapter it has studied, forever."""
    _no_options("diligent", options)
    index = BookIndex(book)
    return ScriptedLearner(
        "diligent", book, seed, ChapterKnowledge(index, keep_last_only=False), index
    )


def forgetful(*, book: Textbook, seed: int, **options: Any) -> Learner:
    """Knows every item of the last chapter it studied, and nothing of earlier ones."""
    _no_options("forgetful", options)
    index = BookIndex(book)
    return ScriptedLearner(
        "forgetful", book, seed, ChapterKnowledge(index, keep_last_only=True), index
    )


SCRIPTED: dict[str, LearnerFactory] = {
    "oracle": oracle,
    "random": random_guesser,
    "memoriser": memoriser,
    "diligent": diligent,
    "forgetful": forgetful,
}
"""The built-in scripted learners by name."""

for _name, _factory in SCRIPTED.items():
    register_learner(_name, _factory)
