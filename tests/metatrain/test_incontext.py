"""MetaICL on the tiny model: episodes are the notes learner's own prompts on training books,
the loop trains and exports a loadable model, resume is exact, eval books are refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch
from safetensors.torch import load_file

from selftaught.generators import generate
from selftaught.learners.model import ModelLearner, ModelLearnerConfig
from selftaught.metatrain.incontext import book_episodes, episode_datum, incontext
from selftaught.metatrain.reptile import MetaDataError
from selftaught.models import ServiceClient

FAST = {"max_answer_tokens": 4, "max_code_tokens": 4}
SMALL = {"domains": ("language",), "train_seeds": (100,), "chapters": 2, "items": 1,
         "learner_options": FAST, "rank": 4, "batch_size": 2, "learning_rate": 1e-2}


def test_episodes_use_the_notes_learners_prompt() -> None:
    book = generate("language", seed=100, chapters=2, exercises=1, probes=1)
    learner = ModelLearner(kind="notes", seed=0, config=ModelLearnerConfig(
        model="tiny-random", **FAST), service=ServiceClient(), answer_format=book.answer_format)
    episodes = book_episodes(learner, book)
    # after chapter 1: chapter 1's probes; after chapter 2: both chapters' probes
    assert [e.after_chapter for e in episodes] == [1, 2, 2]
    assert all(e.notes for e in episodes) and any(e.demos for e in episodes)
    episode = episodes[-1]
    datum = episode_datum(learner.answerer, learner.renderer.get_stop_sequences(), episode)
    prompt = learner.answerer.prompt(episode.question, episode.notes,
                                     demos=episode.demos).to_ints()
    tokens = datum.model_input.to_ints()
    assert tokens[: len(prompt) - 1] == prompt[:-1]  # the learner's own prompt, then the answer
    weights = datum.loss_fn_inputs["weights"].to_numpy()
    assert weights[: len(prompt) - 2].sum() == 0 and weights.sum() >= 2  # loss on the answer
    # the dense measure the learner reports scores the same answer tokens
    assert learner.answer_logprobs([episode.question], [episode.reference])[0] < 0


def test_incontext_trains_exports_and_resumes(tmp_path: Path) -> None:
    whole = incontext("tiny-random", tmp_path / "a", steps=3, save_every=1, **SMALL)
    provenance = json.loads((whole / "selftaught_export.json").read_text())
    assert provenance["episodes"] == 3 and len(provenance["history"]) == 3
    losses = [h["loss_per_token"] for h in provenance["history"]]
    assert all(x > 0 for x in losses)
    ServiceClient().create_sampling_client(base_model=str(whole)).result()  # loads
    stamp = (whole / "model.safetensors").stat().st_mtime_ns
    assert incontext("tiny-random", tmp_path / "a", steps=3, save_every=1, **SMALL) == whole
    assert (whole / "model.safetensors").stat().st_mtime_ns == stamp  # finished: not redone

    class Killed(Exception):
        pass

    def die_at_3(step: int, metrics: object) -> None:
        if step == 3:
            raise Killed

    with pytest.raises(Killed):
        incontext("tiny-random", tmp_path / "b", steps=3, save_every=1, log=die_at_3, **SMALL)
    resumed = incontext("tiny-random", tmp_path / "b", steps=3, save_every=1, **SMALL)
    a = load_file(str(whole / "model.safetensors"))
    b = load_file(str(resumed / "model.safetensors"))
    assert all(torch.equal(a[k], b[k]) for k in a)
    with pytest.raises(ValueError, match="other settings"):
        incontext("tiny-random", tmp_path / "b", steps=4, save_every=1, **SMALL)


def test_incontext_refuses_evaluation_seeds(tmp_path: Path) -> None:
    with pytest.raises(MetaDataError):
        incontext("tiny-random", tmp_path, steps=1, **{**SMALL, "train_seeds": (0,)})
