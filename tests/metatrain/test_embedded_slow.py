"""The inner loop on the real embedded model: a self-edit that states a training chapter's
answers is rewarded, one with nothing parseable is not (graded accuracy, as SEAL)."""

from __future__ import annotations

import pytest

from selftaught.metatrain import ChapterTask, InnerLoopScorer, MetaTrainConfig, Rollout
from selftaught.models import ServiceClient
from selftaught.types import Chapter, Exercise


@pytest.mark.slow
def test_inner_loop_rewards_a_helpful_edit_on_smollm2() -> None:
    probes = [Exercise(id="c1.p1", prompt="In Buler, what does 'vuzak' mean?", answer="bird"),
              Exercise(id="c1.p2", prompt="In Buler, what does 'tepol' mean?", answer="goat")]
    chapter = Chapter(id="c1", title="Buler words", exposition="vuzak = bird\ntepol = goat",
                      exercises=[probes[0].model_copy(update={"id": "c1.e1"})], probes=probes)
    task = ChapterTask(book="dev", chapter=1, content=chapter, earlier_probes_P=())
    config = MetaTrainConfig(inner_steps=8, reward_measure="accuracy")
    scorer = InnerLoopScorer(ServiceClient(), config)
    text = "\n".join(f"Q: {p.prompt} A: {p.answer}" for p in probes)
    helpful, empty = scorer.score(task, [
        Rollout((1,), tuple(range(20)), tuple([0.0] * 20), text),
        Rollout((1,), (1,), (0.0,), "I cannot write questions."),
    ])
    assert helpful.n_pairs == 2 and helpful.breakdown.gain > 0, helpful
    assert empty.n_pairs == 0 and empty.reward == 0.0
