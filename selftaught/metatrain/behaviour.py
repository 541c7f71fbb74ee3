"""General behaviour before/after meta-training: ordinary questions, answered by both models.

Why: a policy trained only to write self-edits for textbooks can drift in everything
else -- it may collapse into writing ``Q: ... A: ...`` lines, or forget what it knew.
A fixed set of ordinary general-knowledge questions with short reference answers,
written by hand and shipped in the package (``data/ordinary_questions.jsonl``), is
answered by the frozen base model and by the trained model as the learner answers
(stateless `ModelLearner`: the same prompt, greedy). Reported: each model's accuracy
(the project's grader), the share of questions both answer identically, and the
share of the trained model's answers that look like self-edit lines (collapse).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from selftaught.learners.model import ModelLearner, ModelLearnerConfig
from selftaught.learners.protocol import default_grader
from selftaught.types import Exercise

DATA = "ordinary_questions.jsonl"


def ordinary_questions() -> list[Exercise]:
    """The shipped questions (id, prompt, reference answer)."""
    text = resources.files("selftaught.metatrain").joinpath("data", DATA).read_text("utf-8")
    return [Exercise(**json.loads(line)) for line in text.splitlines() if line.strip()]


@dataclass(frozen=True)
class Behaviour:
    """Both models on the ordinary questions."""

    n: int
    base_accuracy: float
    trained_accuracy: float
    agreement: float
    """Share of questions both models answer with the same text."""
    trained_edit_like: float
    """Share of the trained model's answers containing ``Q:`` and ``A:`` (collapse into the
    self-edit format)."""
    answers: list[dict[str, str]]
    """Per question: prompt, reference, base and trained answers."""


def compare_behaviour(base_model: str, trained_model: str, *, answer_tokens: int,
                      service: Any = None) -> Behaviour:
    """Answer every ordinary question with both models; grade and compare."""
    items = ordinary_questions()
    prompts = [q.prompt for q in items]
    answers: dict[str, list[str]] = {}
    for role, model in (("base", base_model), ("trained", trained_model)):
        learner = ModelLearner(kind="stateless", seed=0, service=service,
                               config=ModelLearnerConfig(model=model,
                                                         max_answer_tokens=answer_tokens))
        answers[role] = learner.answer(prompts)
    grade = default_grader()
    correct = {role: [grade(a, q).correct for a, q in zip(out, items, strict=True)]
               for role, out in answers.items()}
    n = len(items)
    return Behaviour(
        n=n,
        base_accuracy=sum(correct["base"]) / n,
        trained_accuracy=sum(correct["trained"]) / n,
        agreement=sum(a == b for a, b in zip(answers["base"], answers["trained"],
                                             strict=True)) / n,
        trained_edit_like=sum("Q:" in a and "A:" in a for a in answers["trained"]) / n,
        answers=[{"prompt": q.prompt, "reference": q.answer, "base": b, "trained": t}
                 for q, b, t in zip(items, answers["base"], answers["trained"], strict=True)],
    )
