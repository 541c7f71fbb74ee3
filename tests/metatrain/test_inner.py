"""The inner loop IS the evaluated learner: an edit is scored by the lora model learner's own
study/answer code, through the study protocol's steps, with and without the edit.

The tiny random model knows nothing, so the checks are about mechanics that hold for any
model: the learner package's code does the work (spies on `ModelLearner.study`,
`LoraMemory.train` and `Answerer.answer_logprobs`); an edit teaching the probes' answers
raises their log-probability more than one teaching wrong answers; an edit with nothing
parseable changes nothing (reward exactly 0, no extra learner run); a chapter-2 edit starts
from the learner's state after chapter 1 and is scored on chapter 1's probes too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from selftaught.learners.model import Answerer, ModelLearner
from selftaught.learners.model.memory import LoraMemory
from selftaught.metatrain import ChapterTask, LearnerScorer, MetaTrainConfig, Rollout
from selftaught.metatrain.config import learner_settings
from selftaught.models import ServiceClient
from selftaught.types import Chapter, Exercise, Textbook


def _chapter(n: int, words: dict[str, str]) -> Chapter:
    probes = [Exercise(id=f"c{n}.p{i}", prompt=f"What is {w}?", answer=a)
              for i, (w, a) in enumerate(words.items(), start=1)]
    return Chapter(id=f"c{n}", title=f"Words {n}",
                   exposition="\n".join(f"{w} = {a}" for w, a in words.items()),
                   exercises=[probes[0].model_copy(update={"id": f"c{n}.e1"})], probes=probes)


BOOK = Textbook(id="toy", title="Toy", domain="language",
                chapters=[_chapter(1, {"zu": "cat", "ka": "dog"}),
                          _chapter(2, {"mi": "sun", "to": "red"})])


def _edit(text: str) -> Rollout:
    return Rollout(prompt_T=(1, 2), tokens_T=tuple(range(len(text))),
                   logprobs_T=tuple(0.0 for _ in text), text=text)


def _scorer(tmp_path: Path) -> LearnerScorer:
    config = MetaTrainConfig.quick(model="tiny-random", study_steps=8, lora_lr=1e-2,
                                   lora_rank=4, batch_size=4)
    return LearnerScorer(ServiceClient(), learner_settings(config), reward=config.reward,
                         measure="answer_logprob", seed=0, state_dir=tmp_path)


def test_scoring_runs_the_learner_packages_code(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    calls: dict[str, int] = {"study": 0, "train": 0, "logprobs": 0}

    def spy(cls: Any, name: str, key: str) -> None:
        original = getattr(cls, name)

        def wrapped(self: Any, *args: Any, **kwargs: Any) -> Any:
            calls[key] += 1
            return original(self, *args, **kwargs)

        monkeypatch.setattr(cls, name, wrapped)

    spy(ModelLearner, "study", "study")
    spy(LoraMemory, "train", "train")
    spy(Answerer, "answer_logprobs", "logprobs")
    scorer = _scorer(tmp_path)
    task = ChapterTask(book="toy", chapter=1, textbook=BOOK)
    right, wrong, nothing = scorer.score(task, [
        _edit("Q: What is zu? A: cat\nQ: What is ka? A: dog"),
        _edit("Q: What is zu? A: sun\nQ: What is ka? A: red"),
        _edit("no pairs here"),
    ])
    assert calls["study"] == 3  # without the edit, with each parseable edit: nothing else
    assert calls["train"] >= 3 and calls["logprobs"] == 3
    assert right.n_pairs == 2 and right.dense.gain > wrong.dense.gain
    assert right.reward == right.dense.reward  # the run's measure is answer_logprob
    assert nothing.n_pairs == 0 and nothing.reward == 0.0 and nothing.breakdown.gain == 0.0
    scorer.close()


def test_a_later_chapter_starts_from_the_earlier_state(tmp_path: Path) -> None:
    scorer = _scorer(tmp_path)
    task = ChapterTask(book="toy", chapter=2, textbook=BOOK)
    edit = _edit("Q: What is mi? A: sun")
    first = scorer.score(task, [edit])[0]
    assert scorer.prefix_state(task) is not None  # the learner after chapter 1, saved
    without = scorer.without(task)
    assert len(without.earlier_logprob_P) == 2  # chapter 1's probes: forgetting is measured
    again = scorer.score(task, [edit])[0]
    assert again.dense.reward == pytest.approx(first.dense.reward, abs=1e-6)  # fresh each time
    scorer.close()
    assert not scorer.state_dir.exists()
