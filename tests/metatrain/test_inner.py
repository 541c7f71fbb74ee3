"""The inner loop on the tiny model: an edit is applied on a fresh scratch copy and scored.

The tiny random model knows nothing, so the checks are about mechanics that hold for
any model: an edit teaching the probes' answers raises their probability (positive
reward) more than one teaching wrong answers; nothing parseable means nothing
applied (reward exactly 0, no gradient step); the scratch copy is reset between
edits (the same edit scores the same twice).
"""

from __future__ import annotations

import pytest

from selftaught.metatrain import ChapterTask, InnerLoopScorer, MetaTrainConfig, Rollout
from selftaught.models import ServiceClient
from selftaught.types import Chapter, Exercise


@pytest.fixture(scope="module")
def task() -> ChapterTask:
    probes = [Exercise(id="c1.p1", prompt="What is zu?", answer="cat"),
              Exercise(id="c1.p2", prompt="What is ka?", answer="dog")]
    chapter = Chapter(id="c1", title="Words", exposition="zu = cat\nka = dog",
                      exercises=[probes[0].model_copy(update={"id": "c1.e1"})], probes=probes)
    return ChapterTask(book="toy", chapter=1, content=chapter, earlier_probes_P=())


def _edit(text: str) -> Rollout:
    return Rollout(prompt_T=(1, 2), tokens_T=tuple(range(len(text))),
                   logprobs_T=tuple(0.0 for _ in text), text=text)


def _scorer(**changes: object) -> InnerLoopScorer:
    config = MetaTrainConfig.quick(
        model="tiny-random", reward_measure="answer_prob", inner_steps=20, inner_lr=1e-2,
        inner_rank=4, **changes,
    )
    return InnerLoopScorer(ServiceClient(), config)


def test_teaching_the_answers_is_rewarded(task: ChapterTask) -> None:
    scorer = _scorer()
    right, wrong, nothing = scorer.score(task, [
        _edit("Q: What is zu? A: cat\nQ: What is ka? A: dog"),
        _edit("Q: What is zu? A: sun\nQ: What is ka? A: red"),
        _edit("no pairs here"),
    ])
    assert right.n_pairs == 2 and right.reward > 0.05
    assert right.reward > wrong.reward
    assert nothing.n_pairs == 0 and nothing.reward == 0.0
    assert scorer.costs.grad_steps == 2 * 20  # the empty edit trained nothing


def test_each_edit_starts_from_a_fresh_scratch_copy(task: ChapterTask) -> None:
    scorer = _scorer()
    edit = _edit("Q: What is zu? A: cat")
    first = scorer.score(task, [edit])[0]
    scorer.score(task, [_edit("Q: What is ka? A: dog")])
    again = scorer.score(task, [edit])[0]
    assert again.reward == pytest.approx(first.reward, abs=1e-6)


def test_notes_are_put_in_context(task: ChapterTask) -> None:
    scorer = _scorer(memory="notes")
    notes, nothing = scorer.score(task, [_edit("- zu = cat\n- ka = dog"), _edit("x")])
    assert notes.n_pairs == 2 and notes.reward != 0.0  # the notes changed the answers' odds
    assert nothing.n_pairs == 0 and nothing.reward == 0.0
    assert scorer.scratch is None  # notes memory never trains
