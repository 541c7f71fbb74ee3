"""A model learner's memories: notes in context (fast) and LoRA weights (slow).

`NotesMemory` keeps the lesson's sentences, its worked examples and every practice
item with its answer, and puts the most relevant few in context when answering
(BM25, `selftaught.learners.notebook`). `LoraMemory` trains a LoRA adapter on the
training sequences the strategies derive, each batch mixing the new sequences with a
replay of earlier chapters' (`mix_batch`), which is what keeps forgetting down.
"""

from __future__ import annotations

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
    """Notes a student copies from a chapter: its sentences and its worked examples."""
    notes = [Note(s, f"lesson:{chapter.id}", number)
             for s in T.sentences(chapter.exposition) if len(s.split()) >= 2]
    notes += [Note(f"{ex.prompt.strip()} -> {ex.answer}", f"example:{chapter.id}", number)
              for ex in chapter.examples]
    return notes


def feedback_note(item: Exercise, grade: Grade, number: int) -> Note:
    """The practice item with its correct answer, and the checker's words when it was missed."""
    text = f"{item.prompt.strip()} -> {item.answer}"
    if not grade.correct and grade.feedback.strip():
        text += f" ({grade.feedback.strip()})"
    return Note(text=text, source=f"feedback:{item.id}", chapter=number)


@dataclass
class NotesMemory:
    """Notes retrieved into the answering prompt: at most ``max_notes`` within a token budget."""

    budget_tokens: int
    max_notes: int
    notebook: Notebook = field(default_factory=Notebook)

    def add(self, notes: Sequence[Note]) -> None:
        for note in notes:
            self.notebook.add(note)

    def recall(self, prompt: str, count_tokens: Callable[[str], int]) -> list[str]:
        found = self.notebook.retrieve(prompt, self.budget_tokens, count_tokens)
        return [n.text for n in found[: self.max_notes]]

    def save(self, directory: Path) -> None:
        self.notebook.save(directory / "notebook.json")

    def load(self, directory: Path) -> None:
        self.notebook = Notebook.load(directory / "notebook.json")


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
    ) -> tuple[int, int]:
        """``steps`` AdamW steps on `study_batches` batches -> (tokens trained, steps taken)."""
        if steps == 0 or not fresh:
            return 0, 0
        tokens = 0
        batches = study_batches(fresh, older, self.batch_size, self.replay_fraction, rng)
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
