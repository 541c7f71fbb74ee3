"""Learners: the `Learner` protocol, its registry, the scripted learners and `check_learner`.

Importing this package registers the built-in scripted learners (``oracle``,
``random``, ``memoriser``, ``diligent``, ``forgetful``); model learners
register themselves from their own modules.
"""

from selftaught.learners import scripted as _scripted  # noqa: F401  (registers the built-ins)
from selftaught.learners.check import ConformanceError, check_learner
from selftaught.learners.protocol import (
    LEARNERS,
    Grader,
    Learner,
    LearnerFactory,
    UnknownLearnerError,
    default_grader,
    make_learner,
    register_learner,
    study_view,
)
from selftaught.learners.scripted import SCRIPTED, LearnerStateError, ScriptedLearner

__all__ = [
    "LEARNERS",
    "SCRIPTED",
    "ConformanceError",
    "Grader",
    "Learner",
    "LearnerFactory",
    "LearnerStateError",
    "ScriptedLearner",
    "UnknownLearnerError",
    "check_learner",
    "default_grader",
    "make_learner",
    "register_learner",
    "study_view",
]
