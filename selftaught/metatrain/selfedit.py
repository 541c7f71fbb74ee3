"""The self-edit policy's side of meta-training: its prompts, its samples, their parsing.

Why these live together: the policy must be trained on exactly the prompts a
learner later writes with, and its samples must be parsed exactly as the learner
parses them, or meta-training improves a task nobody runs. So the prompt is the
model learner's own request (`QA_REQUEST` for LoRA memory, `NOTES_REQUEST` for
notes, rendered as one user turn, as ``ModelLearner._write`` does), and parsing uses
the learner's own patterns (one ``Q: ... A: ...`` pair or one note per line).

A `Rollout` keeps the sampled tokens and their sampling logprobs, so the same
sample can become a supervised datum (ReST-EM's M-step: learn to write the kept
edit) or an ``importance_sampling`` datum with its advantage (policy gradient),
without re-tokenizing text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tinker import types

from selftaught.learners.model import BULLET_RE, NOTES_REQUEST, QA_RE, QA_REQUEST
from selftaught.metatrain.config import MemoryKind
from selftaught.models import Message, Renderer, datum_from_tokens_weights, rl_datum, sample_many
from selftaught.types import Chapter, Exercise, Textbook


@dataclass(frozen=True)
class ChapterTask:
    """One chapter the policy writes a self-edit for, with the probes that score the edit."""

    book: str
    """Book label (``language-s100``)."""
    chapter: int
    """1-based chapter number in its book."""
    content: Chapter
    earlier_probes_P: tuple[Exercise, ...]
    """Probes of the book's earlier chapters (forgetting is measured on them)."""

    @property
    def key(self) -> str:
        return f"{self.book}/c{self.chapter}"


def chapter_tasks(books_B: Sequence[Textbook], labels_B: Sequence[str]) -> list[ChapterTask]:
    """Every chapter of every book, in order."""
    tasks: list[ChapterTask] = []
    for book, label in zip(books_B, labels_B, strict=True):
        for c, chapter in enumerate(book.chapters, start=1):
            earlier = tuple(p for ch in book.chapters[: c - 1] for p in ch.probes)
            tasks.append(ChapterTask(label, c, chapter, earlier))
    return tasks


@dataclass(frozen=True)
class Rollout:
    """One sampled self-edit: prompt and completion tokens, sampling logprobs, text."""

    prompt_T: tuple[int, ...]
    tokens_T: tuple[int, ...]
    logprobs_T: tuple[float, ...]
    text: str


def write_request(chapter: Chapter, memory: MemoryKind) -> str:
    """The learner's own request for this chapter (Q/A pairs for lora, notes for notes)."""
    template = QA_REQUEST if memory == "lora" else NOTES_REQUEST
    return template.format(title=chapter.title, exposition=chapter.exposition)


def policy_prompt(renderer: Renderer, chapter: Chapter, memory: MemoryKind) -> types.ModelInput:
    """The prompt tokens, rendered exactly as ``ModelLearner._write`` renders its request."""
    request = write_request(chapter, memory)
    return renderer.build_generation_prompt([Message(role="user", content=request)])


def sample_groups(
    sampler: Any,
    renderer: Renderer,
    tasks_C: Sequence[ChapterTask],
    memory: MemoryKind,
    *,
    group_size: int,
    max_tokens: int,
    temperature: float,
    seed: int,
) -> list[list[Rollout]]:
    """``group_size`` self-edits per task (one batched call): ``rollouts_C_G``."""
    prompts_C = [policy_prompt(renderer, t.content, memory) for t in tasks_C]
    params = types.SamplingParams(
        max_tokens=max_tokens, temperature=temperature, seed=seed,
        stop=renderer.get_stop_sequences(),
    )
    responses_C = sample_many(sampler, prompts_C, group_size, params)
    groups: list[list[Rollout]] = []
    for prompt, response in zip(prompts_C, responses_C, strict=True):
        group: list[Rollout] = []
        for seq in response.sequences:
            if seq.logprobs is None:
                raise ValueError("the sampler returned no logprobs; policy gradient needs them")
            text = renderer.parse_response(seq.tokens)[0]["content"]
            group.append(Rollout(tuple(prompt.to_ints()), tuple(seq.tokens),
                                 tuple(float(x) for x in seq.logprobs), text))
        groups.append(group)
    return groups


def parse_pairs(text: str) -> list[tuple[str, str]]:
    r"""Q/A pairs of a written self-edit, one per line, as the lora learner parses them;
    each reply is in the graded ``Answer: ...`` form.

    >>> parse_pairs("Q: What is bepam? A: cat\nnoise\nq: Say 'dog'. a: kibo")
    [('What is bepam?', 'Answer: cat'), ("Say 'dog'.", 'Answer: kibo')]
    """
    pairs: list[tuple[str, str]] = []
    for line in text.splitlines():
        match = QA_RE.search(line)
        if match:
            pairs.append((match["q"], f"Answer: {match['a'].strip()}"))
    return pairs


def parse_notes(text: str) -> list[str]:
    r"""Notes of a written self-edit, one per line of at least two words, bullets removed.

    >>> parse_notes("- bepam = cat\n*\n2. kibo means dog")
    ['bepam = cat', 'kibo means dog']
    """
    notes: list[str] = []
    for line in text.splitlines():
        note = BULLET_RE.sub("", line).strip()
        if len(note.split()) >= 2:
            notes.append(note)
    return notes


def sft_datum(rollout: Rollout) -> types.Datum:
    """ReST-EM M-step datum: the prompt (weight 0) and the kept edit's tokens (weight 1)."""
    tokens_T = [*rollout.prompt_T, *rollout.tokens_T]
    weights_T = [0.0] * len(rollout.prompt_T) + [1.0] * len(rollout.tokens_T)
    return datum_from_tokens_weights(tokens_T, weights_T)


def pg_datum(rollout: Rollout, advantage: float) -> types.Datum:
    """Policy-gradient datum: sampled tokens, their sampling logprobs, the edit's advantage."""
    return rl_datum(rollout.prompt_T, rollout.tokens_T, rollout.logprobs_T, advantage)
