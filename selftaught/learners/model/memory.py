"""A model learner's memories: notes in context (fast) and LoRA weights (slow).

`NotesMemory` keeps two things: the lesson's sentences (*notes*, the facts) and every
item it was shown with its answer -- worked examples and practice exercises after
feedback (*demonstrations*, how an answer looks). When answering, the most relevant
few of each are put in context (BM25, `selftaught.learners.notebook`): the notes in
the system turn, the demonstrations as earlier answered turns (`answering`).

`LoraMemory` trains a LoRA adapter on the training sequences the strategies derive,
each batch mixing the new sequences with a replay of earlier chapters' (`mix_batch`),
which is what keeps forgetting down.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tinker import types

from selftaught.learners.model import text as T
from selftaught.learners.model.strategies import SelfEdit
from selftaught.learners.notebook import Note, Notebook
from selftaught.models.batches import Shuffled
from selftaught.types import Chapter, Exercise, Grade


def chapter_notes(chapter: Chapter, number: int) -> list[Note]:
    """Notes a student copies from a chapter: its sentences (worked examples are kept as
    demonstrations, `chapter_demos`)."""
    return [Note(s, f"lesson:{chapter.id}", number)
            for s in T.sentences(chapter.exposition) if len(s.split()) >= 2]


def chapter_demos(chapter: Chapter) -> list[tuple[str, str]]:
    """The chapter's worked examples as (question, answer) demonstrations."""
    return [(ex.prompt.strip(), ex.answer.strip()) for ex in chapter.examples]


def feedback_note(item: Exercise, grade: Grade, number: int) -> Note:
    """The practice item with its correct answer, and the checker's words when it was missed
    (the text form of a demonstration; `NotesMemory` keeps the pair itself)."""
    text = f"{item.prompt.strip()} -> {item.answer}"
    if not grade.correct and grade.feedback.strip():
        text += f" ({grade.feedback.strip()})"
    return Note(text=text, source=f"feedback:{item.id}", chapter=number)


@dataclass
class NotesMemory:
    """Notes and demonstrations retrieved into the answering prompt.

    At most ``max_notes`` notes within ``budget_tokens``, and at most ``max_demos``
    demonstrations (the items whose questions are most like the new one), most relevant
    last, so the closest example sits right before the question.
    """

    budget_tokens: int
    max_notes: int
    max_demos: int = 3
    notebook: Notebook = field(default_factory=Notebook)
    demos: dict[str, str] = field(default_factory=dict)
    """Question -> its reference answer, in the order first shown (a question seen again
    keeps its latest answer)."""

    def add(self, notes: Sequence[Note]) -> None:
        for note in notes:
            self.notebook.add(note)

    def add_demos(self, pairs: Sequence[tuple[str, str]]) -> None:
        for question, answer in pairs:
            if question.strip() and answer.strip():
                self.demos[question.strip()] = answer.strip()

    def recall(self, prompt: str, count_tokens: Callable[[str], int]) -> list[str]:
        found = self.notebook.retrieve(prompt, self.budget_tokens, count_tokens)
        return [n.text for n in found[: self.max_notes]]

    def recall_demos(self, prompt: str, count_tokens: Callable[[str], int]) -> list[
        tuple[str, str]
    ]:
        """The ``max_demos`` shown items most like ``prompt``, least relevant first; the
        question itself is left out (a practice item is not its own demonstration)."""
        if self.max_demos == 0 or not self.demos:
            return []
        book = Notebook([Note(q, "demo", 0) for q in self.demos if q != prompt.strip()])
        found = book.retrieve(prompt, 10**6, count_tokens)[: self.max_demos]
        return [(n.text, self.demos[n.text]) for n in reversed(found)]

    def save(self, directory: Path) -> None:
        self.notebook.save(directory / "notebook.json")
        (directory / "demos.json").write_text(
            json.dumps(list(self.demos.items()), ensure_ascii=False, indent=1), "utf-8")

    def load(self, directory: Path) -> None:
        self.notebook = Notebook.load(directory / "notebook.json")
        path = directory / "demos.json"
        try:
            self.demos = {str(q): str(a) for q, a in json.loads(path.read_text("utf-8"))}
        except (OSError, json.JSONDecodeError, TypeError, ValueError) as exc:
            raise ValueError(f"{path}: not a notes memory's demonstrations ({exc})") from exc


def study_batches(
    fresh: Sequence[SelfEdit], older: Sequence[SelfEdit], batch_size: int,
    replay_fraction: float, rng: random.Random,
) -> Iterator[list[SelfEdit]]:
    """Batches of ``round(batch_size × replay_fraction)`` replayed sequences (when there are
    older ones) and fresh ones for the rest, each side dealt without replacement
    (`selftaught.models.batches.Shuffled`: no duplicate in a batch unless its pool is smaller,
    every item once per pass).

    >>> new = [SelfEdit(f"q{i}", "a", 2, "x") for i in range(3)]
    >>> old = [SelfEdit("p", "b", 1, "x")]
    >>> first = next(study_batches(new, old, 4, 0.25, random.Random(0)))
    >>> sorted(e.prompt for e in first[:3]), [e.chapter for e in first]
    (['q0', 'q1', 'q2'], [2, 2, 2, 1])
    >>> [e.chapter for e in next(study_batches(new, [], 4, 0.25, random.Random(0)))]
    [2, 2, 2, 2]
    """
    n_replay = round(batch_size * replay_fraction) if older else 0
    fresh_deck = Shuffled(fresh, rng)
    older_deck = Shuffled(older, rng) if n_replay else None
    while True:
        batch = fresh_deck.take(batch_size - n_replay)
        yield batch + (older_deck.take(n_replay) if older_deck is not None else [])


class LoraMemory:
    """A LoRA adapter trained on derived sequences; the sampler is refreshed after training."""

    def __init__(self, training: Any, *, learning_rate: float, batch_size: int,
                 replay_fraction: float) -> None:
        self.training = training
        self.learning_rate = learning_rate
        self.batch_size = batch_size
        self.replay_fraction = replay_fraction
        self._sampler: Any = None

    def sampler(self) -> Any:
        """A sampling client of the current weights (made once per change of the weights)."""
        if self._sampler is None:
            self._sampler = self.training.save_weights_and_get_sampling_client().result()
        return self._sampler

    def train(
        self, fresh: Sequence[SelfEdit], older: Sequence[SelfEdit], steps: int,
        datum: Callable[[SelfEdit], types.Datum], rng: random.Random,
        batch_size: int | None = None, replay_fraction: float | None = None,
    ) -> tuple[int, int]:
        """``steps`` AdamW steps on `study_batches` batches of ``batch_size`` with
        ``replay_fraction`` of them replayed (defaults: the memory's) -> (tokens trained,
        steps taken)."""
        if steps == 0 or not fresh:
            return 0, 0
        tokens = 0
        batches = study_batches(
            fresh, older, batch_size or self.batch_size,
            self.replay_fraction if replay_fraction is None else replay_fraction, rng)
        for _ in range(steps):
            data = [datum(e) for e in next(batches)]
            self.training.forward_backward(data, "cross_entropy").result()
            self.training.optim_step(types.AdamParams(learning_rate=self.learning_rate)).result()
            tokens += sum(d.model_input.length for d in data)
        self._sampler = None
        return tokens, steps

    def save(self, directory: Path) -> None:
        self.training.save_state(str((directory / "lora").resolve())).result()

    def load(self, directory: Path) -> None:
        self.training.load_state_with_optimizer(str((directory / "lora").resolve())).result()
        self._sampler = None
