"""Learners: the `Learner` protocol, its registry, the scripted learners and `check_learner`.

Importing this package registers the built-in scripted learners (``oracle``,
``random``, ``memoriser``, ``diligent``, ``forgetful``). The model learners
(``selftaught.learners.model``) import torch, so they are declared lazily:
`make_learner` imports their module the first time one of them is asked for.
"""

from selftaught.learners import scripted as _scripted  # noqa: F401  (registers the built-ins)
from selftaught.learners.check import ConformanceError, check_learner
from selftaught.learners.protocol import (
    LAZY_LEARNERS,
    LEARNERS,
    Grader,
    Learner,
    LearnerFactory,
    ScoresAnswers,
    UnknownLearnerError,
    answer_logprobs,
    default_grader,
    get_factory,
    learner_names,
    make_learner,
    register_learner,
    register_learner_module,
    study_view,
)
from selftaught.learners.scripted import SCRIPTED, LearnerStateError, ScriptedLearner

register_learner_module(
    "selftaught.learners.model",
    ("stateless", "notes", "lora", "lora-only", "hybrid", "exposition-only", "flashcards"),
)

__all__ = [
    "LAZY_LEARNERS",
    "LEARNERS",
    "SCRIPTED",
    "ConformanceError",
    "Grader",
    "Learner",
    "LearnerFactory",
    "LearnerStateError",
    "ScoresAnswers",
    "ScriptedLearner",
    "UnknownLearnerError",
    "answer_logprobs",
    "check_learner",
    "default_grader",
    "get_factory",
    "learner_names",
    "make_learner",
    "register_learner",
    "register_learner_module",
    "study_view",
]
