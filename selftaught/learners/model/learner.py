"""`ModelLearner`: a language model composed of memories × study strategies × answering.

Read top to bottom, a model learner does only this:

* ``study(chapter)``: record the chapter in its `StudyLog`; each strategy derives
  training sequences and notes from it; the notes memory keeps the lesson's notes; the
  LoRA memory trains ``study_steps`` steps on the new sequences plus replay.
* ``answer(prompts)``: recall notes per prompt (notes memory), then sample greedy
  answers from the current weights (`Answerer`).
* ``feedback(item, ...)``: record the item; the notes memory keeps it with its answer;
  each strategy derives sequences from it; LoRA trains ``feedback_steps`` steps.
* ``answer_logprobs(prompts, references)``: the dense measure, scored in the same prompt.

Which memories are on and which strategies run is the kind (`KIND_SPECS`), or any
combination given by ``strategies=[...]``. Every random choice comes from the
learner's own RNG, saved with its state, so a resumed run is exact. Costs count
tokens, steps, wall seconds and the process's CPU seconds (`time.process_time`).
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

from tinker import types

from selftaught.learners.model.answering import Answerer
from selftaught.learners.model.config import KIND_SPECS, ModelLearnerConfig
from selftaught.learners.model.memory import (
    LoraMemory,
    NotesMemory,
    chapter_demos,
    chapter_notes,
    feedback_note,
)
from selftaught.learners.model.strategies import (
    Derived,
    SelfEdit,
    StudyContext,
    StudyLog,
    make_strategies,
)
from selftaught.learners.notebook import Note
from selftaught.learners.protocol import read_state_meta
from selftaught.models import Message, get_renderer
from selftaught.models.backend import sampling_tokenizer
from selftaught.types import Chapter, Costs, Exercise, Grade, Textbook

DEFAULT_ANSWER_FORMAT = Textbook.model_fields["answer_format"].default


class ModelLearner:
    """A model plus notes and/or LoRA memory fed by study strategies; a `Learner`."""

    def __init__(
        self, *, kind: str, seed: int, config: ModelLearnerConfig, service: Any | None = None,
        answer_format: str = DEFAULT_ANSWER_FORMAT,
    ) -> None:
        if kind not in KIND_SPECS:
            raise ValueError(f"unknown model learner kind {kind!r} "
                             f"(expected one of: {', '.join(KIND_SPECS)})")
        self.name: str = kind
        """The learner's reported name (a wrapper may rename it; `kind` stays)."""
        self.kind: str = kind
        self.config = config
        memory = KIND_SPECS[kind].memory
        self.strategies = make_strategies(config.strategy_names(kind))
        self.rng = random.Random(seed)
        self.log = StudyLog()
        self.edits: list[SelfEdit] = []
        self.chapter = 0
        self._costs = Costs()
        if service is None:  # the command's --backend (local unless it said otherwise)
            from selftaught.models.backend import default_service

            service = default_service()
        self.notes = (NotesMemory(config.note_budget_tokens, config.max_notes, config.max_demos)
                      if memory in ("notes", "both") else None)
        self.lora: LoraMemory | None = None
        if memory in ("lora", "both"):
            training = service.create_lora_training_client(
                base_model=config.model, rank=config.rank, seed=seed).result()
            self.lora = LoraMemory(training, learning_rate=config.learning_rate,
                                   batch_size=config.batch_size,
                                   replay_fraction=config.replay_fraction)
            tokenizer = training.get_tokenizer()
            self._base: Any = None
        else:
            self._base = service.create_sampling_client(base_model=config.model).result()
            tokenizer = sampling_tokenizer(self._base)  # the SDK's would ask the hub
        self.renderer = get_renderer(tokenizer)
        self.answerer = Answerer(self.renderer, tokenizer, answer_format,
                                 line_tokens=config.max_answer_tokens,
                                 code_tokens=config.max_code_tokens)
        self._writer: Any = None
        if config.writer is not None:
            self._writer = service.create_sampling_client(model_path=config.writer).result()

    @property
    def learns(self) -> bool:
        return self.notes is not None or self.lora is not None

    # ------------------------------------------------------------------ the protocol

    def study(self, chapter: Chapter) -> str | None:
        """Derive notes and training sequences from the chapter; train on them."""
        if not self.learns:
            return None
        with self._metered():
            self.chapter += 1
            self.log.record_chapter(chapter)
            derived = Derived()
            for strategy in self.strategies:
                derived += strategy.from_chapter(chapter, self.chapter, self._context())
            if self.notes is not None:
                derived.notes = chapter_notes(chapter, self.chapter) + derived.notes
                self.notes.add(derived.notes)
                if self.notes.max_demos:
                    self.notes.add_demos(chapter_demos(chapter))
                else:
                    self.notes.add([Note(f"{q} -> {a}", f"example:{chapter.id}", self.chapter)
                                    for q, a in chapter_demos(chapter)])
            self._learn(derived.edits, self.config.study_steps, self.config.batch_size)
        shown = [f"note: {n.text}" for n in derived.notes] if self.notes is not None else []
        shown += [f"demonstration: {q} -> {a}" for q, a in chapter_demos(chapter)
                  if self.notes is not None and self.notes.max_demos]
        shown += [f"self-edit: {e.prompt} -> {e.reply}" for e in derived.edits if e.chat]
        return "\n".join(shown) if shown else None

    def answer(self, prompts: list[str]) -> list[str]:
        """Greedy ``Answer: ...`` replies, one batched sampling call per answer shape."""
        if not prompts:
            return []
        with self._metered():
            texts, read, sampled = self.answerer.answer(
                self._client(), prompts, [self._recall(p) for p in prompts],
                [self._recall_demos(p) for p in prompts])
            self._add(tokens_prompt=read, tokens_sampled=sampled)
        return texts

    def feedback(self, item: Exercise, response: str, grade: Grade) -> None:
        """Keep the item with its answer (notes) and learn from it (strategies + LoRA)."""
        del response
        if not self.learns:
            return
        with self._metered():
            number = max(self.chapter, 1)
            self.log.record_feedback(item)
            if self.notes is not None:
                if self.notes.max_demos:
                    self.notes.add_demos([(item.prompt, item.answer)])
                else:
                    self.notes.add([feedback_note(item, grade, number)])
            derived = Derived()
            for strategy in self.strategies:
                derived += strategy.from_feedback(item, grade, number, self._context())
            # Half of each small feedback batch replays what was learned before (this
            # chapter's study included): without it, a step on one item pulled every answer
            # towards that item's (a development book's probes were all answered "eta").
            self._learn(derived.edits, self.config.feedback_steps,
                        self.config.feedback_batch_size, replay_fraction=0.5, older_chapters=False)

    def answer_logprobs(self, prompts: list[str], references: list[str]) -> list[float]:
        """Mean per-token log-probability of each reference answer (a measurement: not
        counted in the learner's costs, and it changes no state)."""
        if not prompts:
            return []
        return self.answerer.answer_logprobs(
            self._client(), prompts, references, [self._recall(p) for p in prompts],
            [self._recall_demos(p) for p in prompts])

    def costs(self) -> Costs:
        return self._costs

    def save(self, directory: Path) -> None:
        """Write log, derived sequences, RNG, costs, notes and (LoRA) adapter with optimizer."""
        directory = Path(directory)
        meta = {
            "kind": self.name, "config": asdict(self.config), "chapter": self.chapter,
            "rng": _rng_to_json(self.rng.getstate()), "costs": self._costs.model_dump(),
            "edits": [asdict(e) for e in self.edits], "log": self.log.to_json(),
        }
        (directory / "learner.json").write_text(json.dumps(meta, ensure_ascii=False), "utf-8")
        if self.notes is not None:
            self.notes.save(directory)
        if self.lora is not None:
            self.lora.save(directory)

    def load(self, directory: Path) -> None:
        """Restore the state `save` wrote; a mismatched or corrupt state raises `ValueError`."""
        directory = Path(directory)
        path = directory / "learner.json"
        meta = read_state_meta(directory, self.name)
        model = meta.get("config", {}).get("model")
        if model != self.config.model:
            raise ValueError(f"{path}: state was made with model {model!r}, "
                             f"this learner uses {self.config.model!r}")
        try:
            self.rng.setstate(_rng_from_json(meta["rng"]))
            self.chapter = int(meta["chapter"])
            self._costs = Costs(**meta["costs"])
            self.edits = [SelfEdit(**e) for e in meta["edits"]]
            self.log = StudyLog.from_json(meta["log"])
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"{path}: malformed learner state ({exc})") from exc
        if self.notes is not None:
            self.notes.load(directory)
        if self.lora is not None:
            self.lora.load(directory)

    # ------------------------------------------------------------------ parts

    def _context(self) -> StudyContext:
        return StudyContext(
            log=self.log, rng=self.rng, count_tokens=self.answerer.count_tokens,
            write=self._write, cloze_per_sentence=self.config.cloze_per_sentence,
            max_phrasing_cards=self.config.max_phrasing_cards, analogies=self.config.analogies,
        )

    def _learn(self, fresh: list[SelfEdit], steps: int, batch_size: int,
               replay_fraction: float | None = None, older_chapters: bool = True) -> None:
        """Keep the new sequences and, with a LoRA memory, train on them plus replay of
        earlier chapters' sequences (``older_chapters``) or of everything learned so far."""
        older = [e for e in self.edits if e.chapter < self.chapter or not older_chapters]
        self.edits.extend(fresh)
        if self.lora is None:
            return
        tokens, taken = self.lora.train(fresh, older, steps, self.training_datum, self.rng,
                                        batch_size, replay_fraction)
        self._add(tokens_trained=tokens, grad_steps=taken)

    def training_datum(self, edit: SelfEdit) -> types.Datum:
        """An edit as a training datum: asked the way it will be tested -- with the notes and
        demonstrations recalled for its question when ``train_in_context`` is on."""
        if edit.chat and self.config.in_context(self.kind) and self.notes is not None:
            return self.answerer.datum(edit.prompt, edit.reply, True, self._recall(edit.prompt),
                                       self._recall_demos(edit.prompt))
        return self.answerer.datum(edit.prompt, edit.reply, edit.chat)

    def _recall(self, prompt: str) -> list[str]:
        if self.notes is None:
            return []
        return self.notes.recall(prompt, self.answerer.count_tokens)

    def _recall_demos(self, prompt: str) -> list[tuple[str, str]]:
        if self.notes is None:
            return []
        return self.notes.recall_demos(prompt, self.answerer.count_tokens)

    def _client(self) -> Any:
        return self.lora.sampler() if self.lora is not None else self._base

    def _write(self, request: str) -> str:
        """The model (or the meta-trained writer) writes for a chapter; seeded sampling."""
        prompt = self.renderer.build_generation_prompt([Message(role="user", content=request)])
        params = types.SamplingParams(
            max_tokens=self.config.max_write_tokens, temperature=0.7, top_p=0.95,
            seed=self.rng.randrange(2**31), stop=self.renderer.get_stop_sequences(),
        )
        from selftaught.models import sample_many

        response = sample_many(self._writer or self._client(), [prompt], 1, params)[0]
        tokens = response.sequences[0].tokens
        self._add(tokens_prompt=prompt.length, tokens_sampled=len(tokens))
        return str(self.renderer.parse_response(tokens)[0]["content"])

    @contextmanager
    def _metered(self) -> Iterator[None]:
        """Add the block's wall and process-CPU seconds to the costs (CPU time, not wall
        time × threads: other processes on a shared machine do not inflate it)."""
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            self._add(seconds=time.perf_counter() - wall, cpu_seconds=time.process_time() - cpu)

    def _add(self, **delta: Any) -> None:
        self._costs = self._costs + Costs(**delta)


def _rng_to_json(state: tuple[Any, ...]) -> list[Any]:
    version, internal, gauss = state
    return [version, list(internal), gauss]


def _rng_from_json(raw: list[Any]) -> tuple[Any, ...]:
    version, internal, gauss = raw
    return (version, tuple(internal), gauss)
