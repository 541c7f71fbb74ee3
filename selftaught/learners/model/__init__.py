"""Model learners: a language model composed of a memory, study strategies and answering.

=====================  ===========  =====================================================
kind                   memory       strategies (default)
=====================  ===========  =====================================================
``stateless``          none         -- the control: every question is its first day
``notes``              notes        -- (notes from sentences, examples, feedback)
``lora`` (default)     notes+LoRA   examples, feedback, cloze, questions, phrasings,
                                    trained with the recalled notes in context
``lora-only``          LoRA         the same (ablation: no notes in context)
``hybrid``             notes+LoRA   the same as ``lora`` (its former name)
``exposition-only``    LoRA         exposition (baseline: raw continued training)
``flashcards``         LoRA         examples, feedback, flashcards (the previous learner)
=====================  ===========  =====================================================

The parts, each readable on its own: `config` (the typed config and the kinds table),
`strategies` (what is derived from the material), `memory` (notes and LoRA),
`answering` (prompts, answer length, scoring), `learner` (the composition). Importing
this module registers every kind; ``--option strategies=[...]`` picks any combination.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from selftaught.learners.model import legacy  # noqa: F401  (registers the ``flashcards`` strategy)
from selftaught.learners.model.answering import SYSTEM_PROMPT, Answerer, answer_shape
from selftaught.learners.model.config import (
    DEFAULT_STRATEGIES,
    KIND_SPECS,
    KINDS,
    KindSpec,
    LearnerKind,
    ModelLearnerConfig,
)
from selftaught.learners.model.learner import ModelLearner
from selftaught.learners.model.strategies import (
    BULLET_RE,
    NOTES_REQUEST,
    QA_RE,
    QA_REQUEST,
    STRATEGIES,
    SelfEdit,
    StudyLog,
    make_strategies,
)
from selftaught.learners.protocol import Learner, register_learner
from selftaught.types import Textbook

CONFIG_FIELDS = frozenset(f.name for f in fields(ModelLearnerConfig))


def config_from_options(kind: str, options: dict[str, Any]) -> ModelLearnerConfig:
    """A `ModelLearnerConfig` from factory options; unknown options are a `ValueError`."""
    unknown = sorted(set(options) - CONFIG_FIELDS)
    if unknown:
        raise ValueError(f"unknown option(s) for the {kind!r} learner: {', '.join(unknown)} "
                         f"(expected: {', '.join(sorted(CONFIG_FIELDS))})")
    config = ModelLearnerConfig(**options)
    make_strategies(config.strategy_names(kind))  # unknown strategy names fail here
    return config


def _factory(kind: str) -> Any:
    def make(*, book: Textbook, seed: int, **options: Any) -> Learner:
        service = options.pop("service", None)
        config = config_from_options(kind, options)
        if service is None:
            from selftaught.models.backend import current_backend

            if current_backend().name == "openai":  # in context, over a chat endpoint
                from selftaught.learners.chat_notes import chat_learner

                return chat_learner(kind, seed, config, current_backend())
        # The book's answer convention is the only thing a model learner takes from it: it
        # learns only from what the study run shows it.
        return ModelLearner(kind=kind, seed=seed, config=config, service=service,
                            answer_format=book.answer_format)

    make.__doc__ = f"Build a {kind!r} model learner (options: ModelLearnerConfig fields)."
    return make


for _kind in KINDS:
    register_learner(_kind, _factory(_kind))

__all__ = [
    "BULLET_RE", "CONFIG_FIELDS", "DEFAULT_STRATEGIES", "KINDS", "KIND_SPECS", "NOTES_REQUEST",
    "QA_RE", "QA_REQUEST", "STRATEGIES", "SYSTEM_PROMPT", "Answerer", "KindSpec", "LearnerKind",
    "ModelLearner", "ModelLearnerConfig", "SelfEdit", "StudyLog", "answer_shape",
    "config_from_options", "make_strategies",
]
