"""The learner meta-training trains for -- and the one it is evaluated with.

Why one builder: the issue with the earlier meta-training was that the inner loop that
scored an edit (its own training steps, first-line answers) was not the learner that
was evaluated, so a reward gain need not carry over. Here there is one learner,
`self_edit_learner`: the ``lora`` `ModelLearner` (its study strategies, `LoraMemory`,
`Answerer`, feedback steps -- the learner package's own code, with one
`ModelLearnerConfig`) plus ONE extra study strategy that contributes a self-edit's Q/A
pairs as extra training conversations of the chapter being studied:

* `GivenEdit` -- the inner loop: the candidate edit being scored (or none, for the
  "without the edit" side of the comparison);
* `WrittenEdit` -- evaluation and ``selftaught run``: the learner's own FROZEN model
  writes one edit per chapter in the guaranteed format (`write_edits`), at the
  temperature the policy was trained at. Frozen, not the evolving adapter: the
  edit is the model's contribution, the adapter is what the learner makes of it.

The learner kind ``self-edit`` (`register_learner`) is this learner with `WrittenEdit`:
``selftaught run --learners self-edit --model runs/train-<id>/model`` studies with a
meta-trained model exactly as the evaluation did.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from selftaught.learners import Learner, register_learner
from selftaught.learners.model import ModelLearner, ModelLearnerConfig, config_from_options
from selftaught.learners.model.strategies import (
    ANSWER_PREFIX,
    Derived,
    SelfEdit,
    StudyContext,
)
from selftaught.metatrain.selfedit import EditFormat, write_edits
from selftaught.models import get_renderer
from selftaught.models.backend import sampling_tokenizer
from selftaught.types import Chapter, Exercise, Grade, Textbook

KIND = "self-edit"
SOURCE = "self-edit"
"""`SelfEdit.source` of the pairs an edit contributes."""
DEFAULT_STRATEGIES: tuple[str, ...] = ("examples", "feedback")
"""The study strategies beside the self-edit: the worked examples and the practice
feedback, and nothing derived by heuristics, so the self-edit is what the two learners
of an evaluation (frozen base vs meta-trained model) differ in."""


@dataclass(frozen=True)
class WritingSettings:
    """How the learner's model writes its self-edit for a chapter."""

    edit_format: EditFormat = field(default_factory=EditFormat)
    temperature: float = 1.0
    """The policy's training temperature: its edits are evaluated from the distribution
    it was trained on."""


def edit_pairs(pairs: Sequence[tuple[str, str]], number: int) -> list[SelfEdit]:
    """Q/A pairs as the answering conversations the learner trains on."""
    return [SelfEdit(q, f"{ANSWER_PREFIX}{a}", number, SOURCE) for q, a in pairs]


class GivenEdit:
    """Strategy: the given pairs become training conversations of chapter ``chapter``."""

    name = SOURCE

    def __init__(self, chapter: int, pairs: Sequence[tuple[str, str]]) -> None:
        self.chapter = chapter
        self.pairs = list(pairs)

    def from_chapter(self, chapter: Chapter, number: int, ctx: StudyContext) -> Derived:
        del chapter, ctx
        return Derived(edits=edit_pairs(self.pairs, number) if number == self.chapter else [])

    def from_feedback(self, item: Exercise, grade: Grade, number: int,
                      ctx: StudyContext) -> Derived:
        del item, grade, number, ctx
        return Derived()


class WrittenEdit:
    """Strategy: the frozen model writes one guaranteed-format edit per chapter."""

    name = SOURCE

    def __init__(self, writer: Any, settings: WritingSettings) -> None:
        self.writer = writer
        self.tokenizer = sampling_tokenizer(writer)  # the SDK's would ask the hub
        self.renderer = get_renderer(self.tokenizer)
        self.settings = settings
        self.written: list[str] = []
        """Every edit written so far, in order (the evaluation reports them)."""

    def from_chapter(self, chapter: Chapter, number: int, ctx: StudyContext) -> Derived:
        rollout = write_edits(
            self.writer, self.renderer, self.tokenizer, [chapter], group_size=1,
            edit_format=self.settings.edit_format, temperature=self.settings.temperature,
            seed=ctx.rng.randrange(2**31),
        )[0][0]
        self.written.append(rollout.text)
        return Derived(edits=edit_pairs(rollout.pairs, number))

    def from_feedback(self, item: Exercise, grade: Grade, number: int,
                      ctx: StudyContext) -> Derived:
        del item, grade, number, ctx
        return Derived()


def self_edit_learner(
    config: ModelLearnerConfig, strategy: GivenEdit | WrittenEdit, *, seed: int, service: Any,
    answer_format: str,
) -> ModelLearner:
    """The ``lora`` model learner with ``strategy`` added to its study strategies."""
    learner = ModelLearner(kind="lora", seed=seed, config=config, service=service,
                           answer_format=answer_format)
    learner.strategies.append(strategy)
    learner.name = KIND
    return learner


def learner_config(
    model: str, *, study_steps: int, feedback_steps: int, batch_size: int, rank: int,
    learning_rate: float, answer_tokens: int,
    strategies: tuple[str, ...] = DEFAULT_STRATEGIES,
) -> ModelLearnerConfig:
    """The one `ModelLearnerConfig` of the inner loop and of both evaluated learners."""
    return ModelLearnerConfig(
        model=model, strategies=strategies, study_steps=study_steps,
        feedback_steps=feedback_steps, batch_size=batch_size, rank=rank,
        learning_rate=learning_rate, max_answer_tokens=answer_tokens)


WRITING_OPTIONS = ("pairs", "question_tokens", "edit_answer_tokens", "temperature")
"""Options of the ``self-edit`` kind besides the `ModelLearnerConfig` fields."""


def writing_options(settings: WritingSettings) -> dict[str, Any]:
    """`WritingSettings` as ``self-edit`` factory options (inverse of `make_self_edit`'s)."""
    f = settings.edit_format
    return {"pairs": f.pairs, "question_tokens": f.question_tokens,
            "edit_answer_tokens": f.answer_tokens, "temperature": settings.temperature}


def make_self_edit(*, book: Textbook, seed: int, **options: Any) -> Learner:
    """Factory of the ``self-edit`` kind: ModelLearnerConfig fields plus `WRITING_OPTIONS`."""
    service = options.pop("service", None)
    if service is None:
        from selftaught.models.backend import default_service

        service = default_service()
    defaults = WritingSettings()
    fmt = EditFormat(
        pairs=int(options.pop("pairs", defaults.edit_format.pairs)),
        question_tokens=int(options.pop("question_tokens", defaults.edit_format.question_tokens)),
        answer_tokens=int(options.pop("edit_answer_tokens", defaults.edit_format.answer_tokens)),
    )
    settings = WritingSettings(fmt, float(options.pop("temperature", defaults.temperature)))
    options.setdefault("strategies", list(DEFAULT_STRATEGIES))
    config = config_from_options("lora", options)  # the lora learner's options, checked
    writer = service.create_sampling_client(base_model=config.model).result()
    return self_edit_learner(config, WrittenEdit(writer, settings), seed=seed, service=service,
                             answer_format=book.answer_format)


register_learner(KIND, make_self_edit)
