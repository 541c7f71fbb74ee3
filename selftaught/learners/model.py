"""Model learners: a language model that keeps what it learns, in notes and/or in LoRA weights.

Four kinds share one class, because they differ only in which memories are on:

=============  ===========  ===========  ================================================
kind           notes        LoRA         what it is
=============  ===========  ===========  ================================================
``stateless``  no           no           the control: every question is its first day
``notes``      yes          no           writes notes while studying and from feedback;
                                         answers with the most relevant notes in context
``lora``       no           yes          turns the material into self-edits (training
                                         sequences) and internalises them with LoRA steps
``hybrid``     yes          yes          both
=============  ===========  ===========  ================================================

Where the notes and self-edits come from (DESIGN §2 "Edit"):

* **model-written**: while studying, the model itself is asked to write the
  lesson's key facts (notes) or question/answer pairs about it (self-edits). These
  are the part a meta-trainer improves (issue "meta-training"): a better note
  writer is a better learner.
* **from the material**: the worked examples (prompt -> answer) and the lesson's
  own sentences (highlights as notes; a restatement sequence as a self-edit), the
  way a student copies the examples into their notebook.
* **from feedback**: after each practice exercise the learner keeps the question
  with its correct answer (the run shows the solution after grading).

Answering: one chat prompt per question (system instructions, retrieved notes,
the question), with the assistant's reply prefilled with ``Answer:``, which is the
book's answer convention -- stated only by the prefill, because small models echo
a format instruction instead of following it -- so even a 135M model answers in the graded form;
decoding is greedy and stops at the end of the line. All prompts of a batch are
sampled in one batched call.

LoRA schedule: after studying a chapter, ``study_steps`` AdamW steps on batches
of that chapter's self-edits mixed with a replay of earlier chapters' (replay is
what keeps forgetting down); after each feedback, ``feedback_steps`` steps on the
new example plus a small replay sample. Every random choice comes from the
learner's own RNG, which is saved with its state, so a resumed run is exact.
"""

from __future__ import annotations

import json
import random
import re
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, Literal

from tinker import types

from selftaught.learners import flashcards
from selftaught.learners.notebook import Note, Notebook
from selftaught.learners.protocol import Learner, register_learner
from selftaught.models import DEFAULT_MODEL, Message, get_renderer
from selftaught.types import Chapter, Costs, Exercise, Grade, Textbook

LearnerKind = Literal["stateless", "notes", "lora", "hybrid"]
KINDS: tuple[LearnerKind, ...] = ("stateless", "notes", "lora", "hybrid")

SYSTEM_PROMPT = "Answer briefly."
"""Short on purpose: every token of it is paid in every training sequence and every answer, and a
long persona prompt (22 more tokens) made no difference to SmolLM2-135M's answers."""
NOTES_REQUEST = (
    "Read this lesson and write down its key facts as short notes, one fact per line.\n\n"
    "Lesson: {title}\n{exposition}"
)
QA_REQUEST = (
    "Read this lesson and write questions a teacher could ask about it, each with its answer, "
    "one per line in the form 'Q: <question> A: <answer>'.\n\nLesson: {title}\n{exposition}"
)
RECITE_REQUEST = "Recite the lesson '{title}'."
QA_RE = re.compile(r"Q:\s*(?P<q>.+?)\s*A:\s*(?P<a>.+)", re.IGNORECASE)
BULLET_RE = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s*")


@dataclass(frozen=True)
class ModelLearnerConfig:
    """How a model learner studies. Defaults are for SmolLM2-135M on a CPU (see README)."""

    model: str = DEFAULT_MODEL
    """Base model: ``smollm2-135m-instruct``, ``tiny-random`` or a local HF model directory."""
    rank: int = 16
    """LoRA rank (lora/hybrid)."""
    learning_rate: float = 1e-3
    """AdamW learning rate of the LoRA updates; high because each chapter gets few steps."""
    study_steps: int = 40
    """Gradient steps after studying a chapter, on its self-edits plus replay (12 and 24 steps
    learned less on a dev textbook; see README "What was tried")."""
    feedback_steps: int = 1
    """Gradient steps after each practice exercise's feedback."""
    batch_size: int = 8
    """Sequences per gradient step."""
    replay_fraction: float = 0.25
    """Share of each batch drawn from earlier chapters' self-edits (against forgetting)."""
    note_budget_tokens: int = 256
    """Most tokens of notes put in context per question (notes/hybrid)."""
    max_notes: int = 4
    """Most notes put in context per question: a small model is distracted by many."""
    flashcards: bool = True
    """Turn the lesson's glossary lines (``X = Y``, ``X: Y``) and every translation question it has
    seen into question/answer self-edits in every phrasing it has met (lora/hybrid); see
    `selftaught.learners.flashcards` (both directions: the reversal curse)."""
    analogies: int = 6
    """New questions made by analogy from each translation the learner sees (example, lesson
    sentence or practice feedback): aligned words swapped for others of the same kind
    (`flashcards.analogies`); 0 turns it off."""
    recite: bool = False
    """Also train on reciting the lesson's paragraphs (lora/hybrid). Off: the paragraphs are the
    longest sequences, so they set the padded width of every batch they are in, and recitation
    taught nothing measurable on the dev textbook (README "What was tried")."""
    max_answer_tokens: int = 24
    """Most tokens sampled per answer."""
    max_write_tokens: int = 256
    """Most tokens the model may write when producing notes or self-edits for a chapter."""
    model_written: bool = False
    """Let the model write notes/self-edits itself. Off by default: SmolLM2-135M's notes were
    ungrammatical and its Q/A pairs unparseable, and they lowered accuracy (README "What was
    tried"); meta-training is what should make this worth turning on."""
    writer: str | None = None
    """Sampler checkpoint path of a meta-trained self-edit policy (``selftaught train``); when
    set, the learner writes its notes/self-edits with it instead of its own weights."""

    def __post_init__(self) -> None:
        for name in ("rank", "batch_size", "max_answer_tokens", "max_write_tokens"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be >= 1, got {getattr(self, name)}")
        for name in ("study_steps", "feedback_steps", "note_budget_tokens", "max_notes"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must be >= 0, got {getattr(self, name)}")
        if not 0.0 <= self.replay_fraction < 1.0:
            raise ValueError(f"replay_fraction must be in [0, 1), got {self.replay_fraction}")
        if self.learning_rate <= 0:
            raise ValueError(f"learning_rate must be > 0, got {self.learning_rate}")


@dataclass(frozen=True)
class SelfEdit:
    """One training conversation derived from the material: a question and the reply to learn."""

    prompt: str
    reply: str
    chapter: int
    source: str
    """``model`` | ``example`` | ``recite`` | ``feedback``."""


@dataclass
class _State:
    """Everything `save` writes besides the LoRA weights."""

    chapter: int = 0
    notebook: Notebook = field(default_factory=Notebook)
    sides: dict[str, int] = field(default_factory=dict)
    """Glossary words seen so far and their side (`flashcards.word_sides`)."""
    runs: list[list[tuple[str, str]]] = field(default_factory=list)
    """Glossary runs of every chapter studied so far."""
    phrasings: dict[int, list[str]] = field(default_factory=dict)
    """Translation phrasings met so far, by the side they translate from."""
    categories: dict[str, str] = field(default_factory=dict)
    """Glossary words' categories (`flashcards.categories`), for analogies."""
    edits: list[SelfEdit] = field(default_factory=list)
    costs: Costs = field(default_factory=Costs)


class ModelLearner:
    """A model plus notes and/or LoRA memory; satisfies the `Learner` protocol."""

    def __init__(
        self,
        *,
        kind: LearnerKind,
        seed: int,
        config: ModelLearnerConfig,
        service: Any | None = None,
    ) -> None:
        if kind not in KINDS:
            raise ValueError(
                f"unknown model learner kind {kind!r} (expected one of: {', '.join(KINDS)})"
            )
        self.name: str = kind
        self.config = config
        self.uses_notes = kind in ("notes", "hybrid")
        self.uses_lora = kind in ("lora", "hybrid")
        self.rng = random.Random(seed)
        self.state = _State()
        if service is None:  # the command's --backend (local unless it said otherwise)
            from selftaught.models.backend import default_service

            service = default_service()
        self.training: Any = None
        if self.uses_lora:
            self.training = service.create_lora_training_client(
                base_model=config.model, rank=config.rank, seed=seed
            ).result()
            tokenizer = self.training.get_tokenizer()
            self._sampler: Any = None
        else:
            self._sampler = service.create_sampling_client(base_model=config.model).result()
            tokenizer = self._sampler.get_tokenizer()
        self.renderer = get_renderer(tokenizer)
        self.tokenizer = tokenizer
        self._writer: Any = None
        if config.writer is not None:
            self._writer = service.create_sampling_client(model_path=config.writer).result()

    # ------------------------------------------------------------------ the protocol

    def study(self, chapter: Chapter) -> str | None:
        """Derive notes and/or self-edits from the chapter; train on the self-edits (lora)."""
        if not (self.uses_notes or self.uses_lora):
            return None
        start = time.perf_counter()
        self.state.chapter += 1
        number = self.state.chapter
        written: list[str] = []
        if self.uses_notes:
            notes = self._chapter_notes(chapter, number)
            for note in notes:
                self.state.notebook.add(note)
            written += [f"note: {n.text}" for n in notes]
        if self.uses_lora:
            edits = self._chapter_self_edits(chapter, number)
            self.state.edits.extend(edits)
            written += [
                f"self-edit: {e.prompt} -> {e.reply}" for e in edits if e.source != "recite"
            ]
            self._train(edits, self.config.study_steps)
        self._add_cost(seconds=time.perf_counter() - start)
        return "\n".join(written) if written else None

    def answer(self, prompts: list[str]) -> list[str]:
        """Answer each prompt with ``Answer: ...`` (greedy, one batched sampling call)."""
        if not prompts:
            return []
        start = time.perf_counter()
        inputs = [self._question_prompt(p) for p in prompts]
        params = types.SamplingParams(
            max_tokens=self.config.max_answer_tokens,
            temperature=0.0,
            stop=self.renderer.get_stop_sequences(),
        )
        texts = self._sample_texts(inputs, params)
        self._add_cost(seconds=time.perf_counter() - start)
        return ["Answer: " + _reply_answer(text) for text in texts]

    def feedback(self, item: Exercise, response: str, grade: Grade) -> None:
        """Keep the question with its correct answer (notes) and/or train on it (lora)."""
        del response
        if not (self.uses_notes or self.uses_lora):
            return
        start = time.perf_counter()
        number = max(self.state.chapter, 1)
        if self.uses_notes:
            text = f"{item.prompt.strip()} -> {item.answer}"
            if not grade.correct:
                text += f" ({grade.feedback.strip()})"
            self.state.notebook.add(Note(text=text, source=f"feedback:{item.id}", chapter=number))
        if self.uses_lora:
            fresh = [SelfEdit(item.prompt, f"Answer: {item.answer}", number, "feedback")]
            if self.config.flashcards:
                if self._learn_phrasing(item.prompt, item.answer):
                    # A new way of asking: drill every known word in every phrasing again
                    # (repeats in the pool weight often-met words more; this is the measured
                    # behaviour, see README).
                    pairs = flashcards.glossary_pairs(self.state.runs)
                    fresh += [
                        SelfEdit(q, f"Answer: {a}", number, "flashcard")
                        for q, a in flashcards.cards(
                            pairs, self._phrasings(), self.state.sides, generic=False
                        )
                        if q != item.prompt
                    ]
                fresh += [
                    SelfEdit(q, f"Answer: {a}", number, "flashcard")
                    for q, a in self._item_cards([(item.prompt, item.answer)])
                    if q != item.prompt
                ]
            self.state.edits.extend(fresh)
            self._train(fresh, self.config.feedback_steps)
        self._add_cost(seconds=time.perf_counter() - start)

    def costs(self) -> Costs:
        """Cumulative costs since creation (restored by `load`)."""
        return self.state.costs

    def save(self, directory: Path) -> None:
        """Write notes, self-edits, RNG, costs and (lora) the adapter with its optimizer."""
        directory = Path(directory)
        meta = {
            "kind": self.name,
            "config": asdict(self.config),
            "chapter": self.state.chapter,
            "rng": _rng_to_json(self.rng.getstate()),
            "costs": self.state.costs.model_dump(),
            "edits": [asdict(e) for e in self.state.edits],
            "sides": self.state.sides,
            "runs": self.state.runs,
            "phrasings": {str(k): v for k, v in self.state.phrasings.items()},
            "categories": self.state.categories,
        }
        (directory / "learner.json").write_text(json.dumps(meta, ensure_ascii=False), "utf-8")
        self.state.notebook.save(directory / "notebook.json")
        if self.uses_lora:
            self.training.save_state(str((directory / "lora").resolve())).result()

    def load(self, directory: Path) -> None:
        """Restore the state `save` wrote; a mismatched or corrupt state raises `ValueError`."""
        directory = Path(directory)
        path = directory / "learner.json"
        try:
            meta = json.loads(path.read_text("utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise ValueError(f"{path}: unreadable learner state ({exc})") from exc
        if meta.get("kind") != self.name:
            raise ValueError(f"{path}: state of a {meta.get('kind')!r} learner, not {self.name!r}")
        if meta.get("config", {}).get("model") != self.config.model:
            raise ValueError(
                f"{path}: state was made with model {meta.get('config', {}).get('model')!r}, "
                f"this learner uses {self.config.model!r}"
            )
        self.rng.setstate(_rng_from_json(meta["rng"]))
        self.state = _State(
            chapter=int(meta["chapter"]),
            notebook=Notebook.load(directory / "notebook.json"),
            edits=[SelfEdit(**e) for e in meta["edits"]],
            costs=Costs(**meta["costs"]),
            sides={str(k): int(v) for k, v in meta["sides"].items()},
            runs=[[(str(a), str(b)) for a, b in run] for run in meta["runs"]],
            phrasings={int(k): list(v) for k, v in meta["phrasings"].items()},
            categories={str(k): str(v) for k, v in meta["categories"].items()},
        )
        if self.uses_lora:
            self.training.load_state_with_optimizer(str((directory / "lora").resolve())).result()
            self._sampler = None

    # ------------------------------------------------------------------ deriving edits

    def _chapter_notes(self, chapter: Chapter, number: int) -> list[Note]:
        notes: list[Note] = []
        if self.config.model_written:
            request = NOTES_REQUEST.format(title=chapter.title, exposition=chapter.exposition)
            for line in self._write(request).splitlines():
                text = BULLET_RE.sub("", line).strip()
                if len(text.split()) >= 2:
                    notes.append(Note(text, f"model:{chapter.id}", number))
        for sentence in _highlights(chapter.exposition):
            notes.append(Note(sentence, f"lesson:{chapter.id}", number))
        for ex in chapter.examples:
            notes.append(
                Note(f"{ex.prompt.strip()} -> {ex.answer}", f"example:{chapter.id}", number)
            )
        return notes

    def _chapter_self_edits(self, chapter: Chapter, number: int) -> list[SelfEdit]:
        edits: list[SelfEdit] = []
        if self.config.model_written:
            request = QA_REQUEST.format(title=chapter.title, exposition=chapter.exposition)
            for line in self._write(request).splitlines():
                match = QA_RE.search(line)
                if match:
                    edits.append(
                        SelfEdit(match["q"], f"Answer: {match['a'].strip()}", number, "model")
                    )
        for ex in chapter.examples:
            edits.append(
                SelfEdit(ex.prompt, f"{ex.solution}\nAnswer: {ex.answer}", number, "example")
            )
        if self.config.flashcards:
            runs = flashcards.glossary(chapter.exposition)
            self.state.runs += runs
            self.state.sides = flashcards.word_sides(self.state.runs)
            for word, category in flashcards.categories(chapter.exposition).items():
                self.state.categories.setdefault(word, category)
            items = [(ex.prompt, ex.answer) for ex in chapter.examples]
            for prompt, answer in items:
                self._learn_phrasing(prompt, answer)
            cards = flashcards.cards(
                flashcards.glossary_pairs(runs), self._phrasings(), self.state.sides
            )
            cards += self._item_cards(items)
            cards += self._item_cards(
                [(None, x, y) for x, y in flashcards.example_pairs(chapter.exposition)]
            )
            edits += [SelfEdit(q, f"Answer: {a}", number, "flashcard") for q, a in cards]
        if self.config.recite:
            for paragraph in _paragraphs(chapter.exposition):
                request = RECITE_REQUEST.format(title=chapter.title)
                edits.append(SelfEdit(request, paragraph, number, "recite"))
        return edits

    def _learn_phrasing(self, prompt: str, answer: str) -> bool:
        """Remember the phrasing of a translation question; True if it is new."""
        found = flashcards.translation_phrasing(prompt, answer, self.state.sides)
        if found is None:
            return False
        phrasing, side = found
        known = self.state.phrasings.setdefault(side, [])
        if phrasing in known:
            return False
        known.append(phrasing)
        return True

    def _phrasings(self) -> dict[int, set[str]]:
        return {side: set(p) for side, p in self.state.phrasings.items()}

    def _item_cards(
        self, items: Sequence[tuple[str, str] | tuple[None, str, str]]
    ) -> list[tuple[str, str]]:
        """Questions worth drilling from each item seen: the item itself, both directions of a
        translation, and `flashcards.analogies` of it; a translation is asked in every phrasing
        of its side, anything else (e.g. "the plural of 'bepam'") in its own phrasing.

        An item is ``(prompt, answer)`` or ``(None, source, target)`` for a translation the
        lesson states in prose."""
        sides = self.state.sides
        known = self._known_side()
        lexicon = flashcards.lexicon(self.state.runs, sides, self.state.categories)
        out: list[tuple[str, str]] = []
        for item in items:
            if len(item) == 2:
                mined = flashcards.mine_template(item[0])
                if mined is None:
                    continue
                phrasing: str | None = mined[0]
                quoted, answer = mined[1], item[1]
            else:
                phrasing, quoted, answer = None, item[1], item[2]
            source = flashcards.side_of(quoted, sides)
            target = flashcards.side_of(answer, sides)
            if source is None:
                continue
            target = source if target is None else target
            pairs = [(quoted, answer)]
            if known is not None and self.config.analogies:
                pairs += flashcards.analogies(
                    quoted, answer, lexicon, known_side=known, source_side=source,
                    target_side=target, rng_choice=self.rng.choice, count=self.config.analogies,
                )
            if source != target:
                pairs += [(b, a) for a, b in pairs]
                out += flashcards.cards(pairs, self._phrasings(), sides, generic=False)
            elif phrasing is not None:
                out += [(phrasing.format(x=q), a) for q, a in pairs]
        return out

    def _known_side(self) -> int | None:
        """The glossary side in the language the model already speaks: the one its tokenizer
        splits into fewer tokens per word (invented words fall apart into pieces)."""
        cost_S: dict[int, list[int]] = {0: [], 1: []}
        for word, side in self.state.sides.items():
            cost_S[side].append(self._count_tokens(" " + word))
        if not cost_S[0] or not cost_S[1]:
            return None
        mean_0 = sum(cost_S[0]) / len(cost_S[0])
        mean_1 = sum(cost_S[1]) / len(cost_S[1])
        return None if mean_0 == mean_1 else (0 if mean_0 < mean_1 else 1)

    def _write(self, request: str) -> str:
        """Let the model write (notes or Q/A pairs) for a chapter; seeded sampling."""
        prompt = self.renderer.build_generation_prompt([Message(role="user", content=request)])
        params = types.SamplingParams(
            max_tokens=self.config.max_write_tokens,
            temperature=0.7,
            top_p=0.95,
            seed=self.rng.randrange(2**31),
            stop=self.renderer.get_stop_sequences(),
        )
        return self._sample_texts([prompt], params, client=self._writer)[0]

    # ------------------------------------------------------------------ model calls

    def _question_prompt(self, prompt: str) -> types.ModelInput:
        system = SYSTEM_PROMPT
        if self.uses_notes:
            notes = self.state.notebook.retrieve(
                prompt, self.config.note_budget_tokens, self._count_tokens
            )[: self.config.max_notes]
            if notes:
                system += "\n\nYour notes:\n" + "\n".join(f"- {n.text}" for n in notes)
        messages = [
            Message(role="system", content=system),
            Message(role="user", content=self._question_text(prompt)),
        ]
        return self.renderer.build_generation_prompt(messages, prefill="Answer:")

    def _question_text(self, prompt: str) -> str:
        """The question as asked. The book's answer convention is not repeated in the prompt:
        the reply is prefilled with ``Answer:``, which enforces it, and small models echo
        format instructions instead of following them (measured on SmolLM2-135M)."""
        return prompt.strip()

    def _sample_texts(
        self, inputs: Sequence[types.ModelInput], params: types.SamplingParams,
        client: Any = None,
    ) -> list[str]:
        from selftaught.models import sample_many

        responses = sample_many(client or self._sampling_client(), list(inputs), 1, params)
        texts: list[str] = []
        sampled = 0
        for response in responses:
            tokens = response.sequences[0].tokens
            sampled += len(tokens)
            texts.append(self.renderer.parse_response(tokens)[0]["content"])
        self._add_cost(tokens_prompt=sum(i.length for i in inputs), tokens_sampled=sampled)
        return texts

    def _sampling_client(self) -> Any:
        if self._sampler is None:
            self._sampler = self.training.save_weights_and_get_sampling_client().result()
        return self._sampler

    def _count_tokens(self, text: str) -> int:
        return len(self.tokenizer.encode(text, add_special_tokens=False))

    # ------------------------------------------------------------------ training

    def _train(self, fresh: list[SelfEdit], steps: int) -> None:
        """``steps`` AdamW steps on batches of ``fresh`` edits plus replayed older ones."""
        if steps == 0 or not fresh:
            return
        older = [e for e in self.state.edits if e.chapter < self.state.chapter]
        n_replay = round(self.config.batch_size * self.config.replay_fraction) if older else 0
        n_fresh = self.config.batch_size - n_replay
        for _ in range(steps):
            batch = [self.rng.choice(fresh) for _ in range(n_fresh)]
            batch += [self.rng.choice(older) for _ in range(n_replay)]
            data = [self._datum(e) for e in batch]
            self.training.forward_backward(data, "cross_entropy").result()
            self.training.optim_step(
                types.AdamParams(learning_rate=self.config.learning_rate)
            ).result()
            self._add_cost(tokens_trained=sum(d.model_input.length for d in data), grad_steps=1)
        self._sampler = None

    def _datum(self, edit: SelfEdit) -> types.Datum:
        messages = [
            Message(role="system", content=SYSTEM_PROMPT),
            Message(
                role="user",
                content=self._question_text(edit.prompt)
                if edit.source != "recite"
                else edit.prompt,
            ),
            Message(role="assistant", content=edit.reply),
        ]
        return self.renderer.build_supervised_datum(messages)

    def _add_cost(self, **delta: Any) -> None:
        self.state.costs = self.state.costs + Costs(**delta)


def _highlights(exposition: str) -> list[str]:
    """The lesson's sentences and list lines, as a student would highlight them."""
    parts: list[str] = []
    for line in exposition.splitlines():
        line = BULLET_RE.sub("", line).strip()
        if not line:
            continue
        parts += [s.strip() for s in re.split(r"(?<=[.!?])\s+", line) if len(s.split()) >= 2]
    return parts


def _reply_answer(text: str) -> str:
    r"""The answer in a reply: its first line, or the whole reply when it opens a code fence
    (a code answer, e.g. to a coding book's ``python-tests`` item, spans many lines).

    >>> _reply_answer(" zeker\nmore talk")
    'zeker'
    >>> _reply_answer(" ```python\ndef solve(x):\n    return x\n```\nDone.")
    '\n```python\ndef solve(x):\n    return x\n```\nDone.'
    """
    text = text.strip()
    if text.startswith("```"):
        return "\n" + text
    return text.split("\n", 1)[0].strip()


def _paragraphs(exposition: str) -> list[str]:
    """Blank-line separated paragraphs (short training sequences for restatement)."""
    return [p.strip() for p in re.split(r"\n\s*\n", exposition) if p.strip()]


def _rng_to_json(state: tuple[Any, ...]) -> list[Any]:
    version, internal, gauss = state
    return [version, list(internal), gauss]


def _rng_from_json(raw: list[Any]) -> tuple[Any, ...]:
    version, internal, gauss = raw
    return (version, tuple(internal), gauss)


def _factory(kind: LearnerKind) -> Any:
    config_fields = {f.name for f in fields(ModelLearnerConfig)}

    def make(*, book: Textbook, seed: int, **options: Any) -> Learner:
        del book  # a model learner learns only from what the study run shows it
        unknown = sorted(set(options) - config_fields - {"service"})
        if unknown:
            raise ValueError(
                f"unknown option(s) for the {kind!r} learner: {', '.join(unknown)} "
                f"(expected: {', '.join(sorted(config_fields))})"
            )
        service = options.pop("service", None)
        config = ModelLearnerConfig(**options)
        if service is None:
            from selftaught.models.backend import current_backend

            if current_backend().name == "openai":  # in context, over a chat endpoint
                from selftaught.learners.chat_notes import chat_learner

                return chat_learner(kind, seed, config, current_backend())
        return ModelLearner(kind=kind, seed=seed, config=config, service=service)

    make.__doc__ = f"Build a {kind!r} model learner (options: ModelLearnerConfig fields)."
    return make


for _kind in KINDS:
    register_learner(_kind, _factory(_kind))
