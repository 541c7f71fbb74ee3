"""The ``notes`` (and ``stateless``) learner over an OpenAI-compatible chat endpoint.

Why a learner of its own: `selftaught.learners.model.ModelLearner` works in tokens
(Tinker-shaped clients, a local tokenizer, an ``Answer:`` prefill), which a chat
endpoint (vLLM, llama.cpp, Ollama, ``selftaught serve``, a hosted API) does not offer.
A learner that learns *in context* needs none of that: it keeps a `Notebook` of the
lesson's sentences, worked examples and practice feedback, and answers each question
with the most relevant notes in the system prompt -- the ``notes`` learner's memory,
through `OpenAISamplingClient`. Learners that change weights (``lora``, ``hybrid``)
cannot run on such an endpoint; `selftaught.models.backend` refuses them up front.

Token counts for the notes budget are estimated (4 characters a token: the endpoint's
tokenizer is not available here); the costs use the server's reported usage.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING

from selftaught.learners.notebook import Note, Notebook
from selftaught.learners.protocol import read_state_meta
from selftaught.models.backend import BackendChoice, refused_learners
from selftaught.models.openai_client import OpenAISamplingClient
from selftaught.models.remote import BackendError
from selftaught.types import Chapter, Costs, Exercise, Grade

if TYPE_CHECKING:
    from selftaught.learners.model import ModelLearnerConfig

SYSTEM_PROMPT = "Answer briefly. Reply with one line of the form 'Answer: <your answer>'."
CHARS_PER_TOKEN = 4


def estimate_tokens(text: str) -> int:
    """A tokenizer-free estimate: one token per 4 characters (at least 1)."""
    return max(1, len(text) // CHARS_PER_TOKEN)


def lesson_sentences(exposition: str) -> list[str]:
    """The lesson's sentences and list lines of two or more words."""
    parts: list[str] = []
    for line in exposition.splitlines():
        line = re.sub(r"^\s*(?:[-*•]|\d+[.)])\s*", "", line).strip()
        parts += [s.strip() for s in re.split(r"(?<=[.!?])\s+", line) if len(s.split()) >= 2]
    return parts


class ChatNotesLearner:
    """In-context learner over a chat endpoint: ``notes`` keeps notes, ``stateless`` none."""

    def __init__(self, *, kind: str, client: OpenAISamplingClient, seed: int,
                 note_budget_tokens: int = 256, max_notes: int = 4,
                 max_answer_tokens: int = 24) -> None:
        if kind not in ("notes", "stateless"):
            raise ValueError(f"ChatNotesLearner: kind must be notes or stateless, got {kind!r}")
        self.name = kind
        self.client = client
        self.seed = seed
        self.note_budget_tokens, self.max_notes = note_budget_tokens, max_notes
        self.max_answer_tokens = max_answer_tokens
        self.notebook = Notebook()
        self.chapter = 0
        self._costs = Costs()

    def study(self, chapter: Chapter) -> str | None:
        if self.name == "stateless":
            return None
        self.chapter += 1
        notes = [Note(s, f"lesson:{chapter.id}", self.chapter)
                 for s in lesson_sentences(chapter.exposition)]
        notes += [Note(f"{ex.prompt.strip()} -> {ex.answer}", f"example:{chapter.id}",
                       self.chapter) for ex in chapter.examples]
        for note in notes:
            self.notebook.add(note)
        return "\n".join(f"note: {n.text}" for n in notes) or None

    def answer(self, prompts: list[str]) -> list[str]:
        if not prompts:
            return []
        start = time.perf_counter()
        conversations = [[{"role": "system", "content": self.system_prompt(p)},
                          {"role": "user", "content": p.strip()}] for p in prompts]
        replies = self.client.sample_chat_many(
            conversations, n=1, temperature=0.0, max_tokens=self.max_answer_tokens,
            seed=self.seed)
        texts = [r.texts[0] for r in replies]
        self._costs = self._costs + Costs(
            tokens_prompt=sum(r.prompt_tokens or 0 for r in replies),
            tokens_sampled=sum(r.completion_tokens or 0 for r in replies),
            seconds=time.perf_counter() - start)
        return [t if "answer:" in t.lower() else f"Answer: {t.strip()}" for t in texts]

    def feedback(self, item: Exercise, response: str, grade: Grade) -> None:
        del response
        if self.name == "stateless":
            return
        text = f"{item.prompt.strip()} -> {item.answer}"
        if not grade.correct:
            text += f" ({grade.feedback.strip()})"
        self.notebook.add(Note(text, f"feedback:{item.id}", max(self.chapter, 1)))

    def costs(self) -> Costs:
        return self._costs

    def save(self, directory: Path) -> None:
        directory = Path(directory)
        meta = {"kind": self.name, "chapter": self.chapter, "costs": self._costs.model_dump(),
                "backend": "openai"}
        (directory / "learner.json").write_text(json.dumps(meta), "utf-8")
        self.notebook.save(directory / "notebook.json")

    def load(self, directory: Path) -> None:
        meta = read_state_meta(directory, self.name)
        self.chapter = int(meta["chapter"])
        self._costs = Costs(**meta["costs"])
        self.notebook = Notebook.load(Path(directory) / "notebook.json")

    def system_prompt(self, prompt: str) -> str:
        if self.name == "stateless":
            return SYSTEM_PROMPT
        notes = self.notebook.retrieve(prompt, self.note_budget_tokens,
                                       estimate_tokens)[: self.max_notes]
        if not notes:
            return SYSTEM_PROMPT
        return SYSTEM_PROMPT + "\n\nYour notes:\n" + "\n".join(f"- {n.text}" for n in notes)


def chat_learner(kind: str, seed: int, config: ModelLearnerConfig,
                 backend: BackendChoice) -> ChatNotesLearner:
    """The ``kind`` model learner on ``--backend openai``; `BackendError` (one line) for the
    learners and options that need weights or a local model."""
    problem = refused_learners(backend, [kind])
    if problem is not None:
        raise BackendError(problem)
    if config.model_written or config.writer is not None:
        raise BackendError("--backend openai: model_written/writer need the learner's own "
                           "sampler; leave them off, or use --backend local or tinker")
    return ChatNotesLearner(kind=kind, client=backend.chat_client(config.model), seed=seed,
                            note_budget_tokens=config.note_budget_tokens,
                            max_notes=config.max_notes,
                            max_answer_tokens=config.max_answer_tokens)
