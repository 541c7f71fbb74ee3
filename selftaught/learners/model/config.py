"""The model learner's typed configuration and the registered kinds (memory × strategies).

A kind is a name for one composition: which memories are on and which study
strategies fill them. `KIND_SPECS` is the whole table; ``--option strategies=[...]``
replaces a kind's strategies, so any combination can be measured without a new kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from selftaught.models import DEFAULT_MODEL

LearnerKind = Literal["stateless", "notes", "lora", "lora-only", "hybrid", "exposition-only",
                      "flashcards"]
Memory = Literal["none", "notes", "lora", "both"]

DEFAULT_STRATEGIES: tuple[str, ...] = ("examples", "feedback", "cloze", "questions", "phrasings")
"""The default study strategies of the LoRA kinds: only exposition text, worked examples,
exercise prompts and feedback, no layout of any one generator (docs/learners.md, "What was
measured on what", says what was and was not compared)."""


@dataclass(frozen=True)
class KindSpec:
    """One registered composition: its memory and its default strategies."""

    memory: Memory
    strategies: tuple[str, ...]
    what: str
    train_in_context: bool = False
    """The kind's default for `ModelLearnerConfig.train_in_context`."""


KIND_SPECS: dict[str, KindSpec] = {
    "stateless": KindSpec("none", (), "the control: every question is its first day"),
    "notes": KindSpec("notes", (), "keeps the lesson's sentences, examples and feedback as "
                                   "notes; answers with the most relevant ones in context"),
    "lora": KindSpec("both", DEFAULT_STRATEGIES, "the default: notes and demonstrations as "
                     "fast memory, the material's training conversations learned with LoRA "
                     "as slow consolidation, each rendered with the notes recalled for it "
                     "(LoRA learns to read its notes)", train_in_context=True),
    "lora-only": KindSpec("lora", DEFAULT_STRATEGIES, "ablation: the same training "
                          "conversations with LoRA, no notes in context"),
    "hybrid": KindSpec("both", DEFAULT_STRATEGIES, "the same composition as lora (its name "
                       "while it was not yet the default, kept for saved learners and "
                       "scripts)", train_in_context=True),
    "exposition-only": KindSpec("lora", ("exposition",), "baseline: LoRA continued training "
                                                         "on the raw exposition text only"),
    "flashcards": KindSpec("lora", ("examples", "feedback", "flashcards"), "baseline: the "
                           "previous learner, glossary flashcards of generated language books"),
}
KINDS: tuple[str, ...] = tuple(KIND_SPECS)


@dataclass(frozen=True)
class ModelLearnerConfig:
    """How a model learner studies and answers. Defaults are for SmolLM2-135M on a CPU."""

    model: str = DEFAULT_MODEL
    """Base model: ``smollm2-135m-instruct``, ``tiny-random`` or a local HF model directory."""
    strategies: tuple[str, ...] | None = None
    """Study strategies (names in `selftaught.learners.model.strategies.STRATEGIES`);
    None: the kind's own (`KIND_SPECS`)."""
    rank: int = 16
    """LoRA rank (LoRA memories)."""
    learning_rate: float = 1e-3
    """AdamW learning rate of the LoRA updates; high because each chapter gets few steps."""
    study_steps: int = 12
    """Gradient steps after studying a chapter, on its training conversations plus replay."""
    feedback_steps: int = 0
    """Gradient steps after each practice exercise's feedback. 0: a practised item is kept
    at once as a demonstration (notes memories) and its conversation is trained with the
    next chapter's replay. On the development books a step per exercise lowered the answers'
    log-probability (docs/learners.md) and, trained in context, cost a fifth of the chapter's
    CPU budget."""
    batch_size: int = 4
    """Sequences per gradient step after studying a chapter. 4: trained in context, each
    sequence carries its recalled notes (about 270 tokens), and 12 steps of 4 measured better
    on the development books than 10 of 4 and within budget where 12 of 8 cost 4 CPU-minutes
    per chapter (docs/learners.md)."""
    feedback_batch_size: int = 2
    """Sequences per gradient step after one exercise's feedback: it derives one or two
    sequences, so a batch of 8 would repeat them and pay 4× the compute for nothing."""
    replay_fraction: float = 0.25
    """Share of each batch drawn from earlier chapters' conversations (against forgetting)."""
    note_budget_tokens: int = 256
    """Most tokens of notes put in context per question (notes memories)."""
    max_notes: int = 4
    """Most notes put in context per question: a small model is distracted by many."""
    max_demos: int = 3
    """Most demonstrations (shown items with their answers: worked examples, practiced
    exercises) put before the question as earlier answered turns (notes memories). 0: they
    are kept as notes ``question -> answer (feedback)`` instead, as before."""
    train_in_context: bool | None = None
    """None: the kind's own (on for ``lora`` and ``hybrid``). With notes *and* LoRA: render
    each training conversation with the notes and demonstrations recalled for its question,
    as answering will -- LoRA then learns to read its notes rather than only to recite
    (longer sequences: each step costs more). Trained without them, a few steps learned
    which answers occur, not which question each belongs to (docs/learners.md); ``False``
    gives that previous composition."""
    flashcards: bool = False
    """Add the glossary-flashcard strategy of generated language books (off by default; it
    parses one generator's layout, so no headline number depends on it)."""
    analogies: int = 6
    """flashcards strategy: new questions by analogy from each translation seen (0: off)."""
    max_answer_tokens: int = 48
    """Most tokens sampled for a one-line answer (a word or a sentence; it stops at the line's
    end, so the budget is a safety net, not a cut)."""
    max_code_tokens: int = 320
    """Most tokens sampled for an answer that is code (it stops at the end of the turn)."""
    max_write_tokens: int = 256
    """Most tokens the model may write when producing notes or Q/A pairs (``model-written``)."""
    model_written: bool = False
    """Add the ``model-written`` strategy: the model writes notes and Q/A pairs itself.
    Off by default: SmolLM2-135M's were ungrammatical and lowered accuracy; meta-training is
    what should make it worth turning on."""
    writer: str | None = None
    """Sampler checkpoint path of a meta-trained self-edit policy (``selftaught train``); when
    set, the learner writes its notes/self-edits with it instead of its own weights."""
    cloze_per_sentence: int = 2
    """cloze strategy: most blanks made from one sentence."""
    max_phrasing_cards: int = 64
    """phrasings strategy: most questions made per chapter or feedback."""

    def __post_init__(self) -> None:
        for name in ("rank", "batch_size", "feedback_batch_size", "max_answer_tokens",
                     "max_code_tokens", "max_write_tokens"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be >= 1, got {getattr(self, name)}")
        for name in ("study_steps", "feedback_steps", "note_budget_tokens", "max_notes",
                     "max_demos", "analogies", "cloze_per_sentence", "max_phrasing_cards"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must be >= 0, got {getattr(self, name)}")
        if not 0.0 <= self.replay_fraction < 1.0:
            raise ValueError(f"replay_fraction must be in [0, 1), got {self.replay_fraction}")
        if self.learning_rate <= 0:
            raise ValueError(f"learning_rate must be > 0, got {self.learning_rate}")
        if self.strategies is not None:
            if isinstance(self.strategies, str) or not all(
                isinstance(s, str) for s in self.strategies
            ):
                raise ValueError(f"strategies must be a list of names, got {self.strategies!r}")
            object.__setattr__(self, "strategies", tuple(self.strategies))

    def in_context(self, kind: str) -> bool:
        """Whether a learner of ``kind`` renders training conversations with its notes."""
        if self.train_in_context is None:
            return KIND_SPECS[kind].train_in_context
        return self.train_in_context

    def strategy_names(self, kind: str) -> tuple[str, ...]:
        """The strategies a learner of ``kind`` uses: the kind's (or the override) plus the
        optional ones switched on by ``flashcards`` / ``model_written``."""
        spec = KIND_SPECS[kind]
        if spec.memory == "none":
            return ()
        names = list(spec.strategies if self.strategies is None else self.strategies)
        if self.flashcards and "flashcards" not in names:
            names.append("flashcards")
        if self.model_written and "model-written" not in names:
            names.append("model-written")
        return tuple(names)
