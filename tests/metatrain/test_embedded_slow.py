"""The inner loop on the real embedded model: a self-edit that states a training chapter's
answers raises their log-probability in the evaluated learner; one with nothing parseable
changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from selftaught.metatrain import ChapterTask, LearnerScorer, MetaTrainConfig, Rollout
from selftaught.metatrain.config import learner_settings
from selftaught.models import ServiceClient
from selftaught.types import Chapter, Exercise, Textbook


@pytest.mark.slow
def test_inner_loop_rewards_a_helpful_edit_on_smollm2(tmp_path: Path) -> None:
    probes = [Exercise(id="c1.p1", prompt="In Buler, what does 'vuzak' mean?", answer="bird"),
              Exercise(id="c1.p2", prompt="In Buler, what does 'tepol' mean?", answer="goat")]
    chapter = Chapter(id="c1", title="Buler words", exposition="vuzak = bird\ntepol = goat",
                      exercises=[probes[0].model_copy(update={"id": "c1.e1"})], probes=probes)
    book = Textbook(id="dev", title="Buler", domain="language", chapters=[chapter])
    config = MetaTrainConfig(study_steps=4, batch_size=4)
    scorer = LearnerScorer(ServiceClient(), learner_settings(config), reward=config.reward,
                           measure="answer_logprob", seed=0, state_dir=tmp_path)
    text = "\n".join(f"Q: {p.prompt} A: {p.answer}" for p in probes)
    task = ChapterTask(book="dev", chapter=1, textbook=book)
    helpful, empty = scorer.score(task, [
        Rollout((1,), tuple(range(20)), tuple([0.0] * 20), text),
        Rollout((1,), (1,), (0.0,), "I cannot write questions."),
    ])
    assert helpful.n_pairs == 2 and helpful.dense.gain > 0, helpful
    assert empty.n_pairs == 0 and empty.reward == 0.0
