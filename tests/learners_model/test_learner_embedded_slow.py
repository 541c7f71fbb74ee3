"""The default learner on the embedded SmolLM2-135M: studying raises the log-probability of
what the lesson says (the dense measure), on a hand-written development book."""

from __future__ import annotations

from pathlib import Path

import pytest

from selftaught.learners import make_learner
from selftaught.learners.protocol import study_view
from selftaught.textbook import load_textbook

pytestmark = pytest.mark.slow

DEV_BOOK = (Path(__file__).resolve().parents[2] / "examples" / "textbooks" / "dev"
            / "greek-alphabet-basics.md")


def test_lora_study_raises_answer_logprob_of_the_lesson() -> None:
    book = load_textbook(DEV_BOOK)
    chapter = book.chapters[0]
    learner = make_learner("lora", book=book, seed=0, study_steps=6, batch_size=4,
                           strategies=["examples", "cloze"])
    prompts = [ex.prompt for ex in chapter.examples]
    answers = [ex.answer for ex in chapter.examples]
    before = learner.answer_logprobs(prompts, answers)  # type: ignore[attr-defined]
    learner.study(study_view(chapter))
    after = learner.answer_logprobs(prompts, answers)  # type: ignore[attr-defined]
    assert sum(after) / len(after) > sum(before) / len(before) + 0.1
    responses = learner.answer(prompts)
    assert all(r.startswith("Answer: ") and r.strip() != "Answer:" for r in responses)
    assert learner.costs().cpu_seconds > 0 and learner.costs().grad_steps == 6
