"""Reptile on the tiny model: the loop runs, its output loads, the meta-step moves the
weights toward the adapted ones, a killed run resumes exactly, and evaluation books are
never training material."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch
from safetensors.torch import load_file
from tinker import types

from selftaught.learners.model import ModelLearner, ModelLearnerConfig
from selftaught.metatrain.export import export_model, read_provenance
from selftaught.metatrain.reptile import (
    MetaDataError,
    adapted_delta,
    move_toward,
    release,
    reptile,
    study_task,
    training_chapters,
)
from selftaught.models import ServiceClient
from selftaught.models.host import get_host

FAST = {"study_steps": 3, "feedback_steps": 1, "rank": 4, "learning_rate": 1e-2,
        "max_answer_tokens": 4, "max_code_tokens": 4}
SMALL = {"domains": ("language",), "train_seeds": (100, 101), "chapters": 1, "items": 1,
         "learner_options": FAST}


def test_meta_step_moves_toward_adapted_weights(tmp_path: Path) -> None:
    model_dir = str(export_model("tiny-random", tmp_path / "m"))
    task = training_chapters(("language",), (100,), 1, 1)[0]
    learner = ModelLearner(kind="lora", seed=1, config=ModelLearnerConfig(model=model_dir, **FAST),
                           service=ServiceClient(state_dir=tmp_path / "s"))
    study_task(learner, task)
    delta = adapted_delta(learner, include_head=False)
    release(learner)
    assert delta and "lm_head" not in delta
    name = "model.layers.0.mlp.down_proj"
    host = get_host(model_dir)
    weight = host.loaded.model.get_submodule(name).base_layer.weight
    before = weight.detach().clone()
    adapted = before + delta[name]
    assert delta[name].abs().max() > 0
    move_toward(host, delta, 0.5)
    after = weight.detach()
    assert torch.allclose(after, before + 0.5 * delta[name])
    assert (after - adapted).norm() < (before - adapted).norm()


def _weights(model_dir: Path) -> dict[str, torch.Tensor]:
    return load_file(str(model_dir / "model.safetensors"))


def test_reptile_runs_loads_and_resumes_exactly(tmp_path: Path) -> None:
    whole = reptile("tiny-random", tmp_path / "a", meta_steps=2, save_every=1, seed=3, **SMALL)
    assert read_provenance(whole)["step"] == 2
    base = _weights(export_model("tiny-random", tmp_path / "base"))
    trained = _weights(whole)
    assert any(not torch.equal(base[k], trained[k]) for k in base)
    sampler = ServiceClient().create_sampling_client(base_model=str(whole)).result()
    scored = sampler.compute_logprobs(types.ModelInput.from_ints([1, 70, 71, 72])).result()
    assert len(scored) == 4

    class Killed(Exception):
        pass

    def die_at_2(step: int, metrics: object) -> None:
        if step == 2:  # after step 2 moved the weights, before it was saved
            raise Killed

    with pytest.raises(Killed):
        reptile("tiny-random", tmp_path / "b", meta_steps=2, save_every=1, seed=3,
                log=die_at_2, **SMALL)
    assert read_provenance(tmp_path / "b" / "model")["step"] == 1
    resumed = reptile("tiny-random", tmp_path / "b", meta_steps=2, save_every=1, seed=3, **SMALL)
    again = _weights(resumed)
    assert all(torch.equal(trained[k], again[k]) for k in trained)
    with pytest.raises(MetaDataError, match="other settings"):
        reptile("tiny-random", tmp_path / "b", meta_steps=3, save_every=1, seed=3, **SMALL)


@pytest.mark.parametrize("seeds", [(0,), (5, 100), (900,)])
def test_training_never_uses_evaluation_or_dev_books(seeds: tuple[int, ...]) -> None:
    with pytest.raises(MetaDataError, match="evaluation books"):
        training_chapters(("language",), seeds, 1, 1)


def test_training_chapters_are_generated_training_books() -> None:
    tasks = training_chapters(("language", "discovery"), (100, 101), 2, 2)
    assert {(t.domain, t.seed) for t in tasks} == {
        (d, s) for d in ("language", "discovery") for s in (100, 101)}
    assert all(t.seed >= 100 for t in tasks) and len(tasks) == 8
