"""The ``--algorithm`` registry: every name a config accepts is registered, and an algorithm's
output is a model directory the rest of selftaught loads."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from selftaught.metatrain import ALGORITHMS, MetaTrainConfig, TrainStore
from selftaught.metatrain.algorithms import REGISTRY, Callbacks, register, run_algorithm
from selftaught.models import ServiceClient


def test_registry_and_config_agree() -> None:
    assert set(REGISTRY) == set(ALGORITHMS)
    with pytest.raises(ValueError, match="already registered"):
        register("rest-em", "again", REGISTRY["rest-em"].run)


@pytest.mark.parametrize("algorithm", ["rest-em", "pg"])
def test_each_algorithm_leaves_a_loadable_model(tmp_path: Path, algorithm: str) -> None:
    config = MetaTrainConfig.quick(model="tiny-random", algorithm=algorithm, iterations=1)
    seen: list[int] = []
    model_dir = run_algorithm(config, tmp_path / "run",
                              callbacks=Callbacks(on_iteration=lambda r: seen.append(r.iteration)))
    assert model_dir == (tmp_path / "run" / "model").resolve() and seen == [1]
    with TrainStore(tmp_path / "run" / "train.sqlite") as store:
        assert len(store.edits(1)) == config.edits_per_chapter
    sampler = ServiceClient().create_sampling_client(base_model=str(model_dir)).result()
    assert sampler.get_tokenizer() is not None  # `--model DIR` loads it


@pytest.mark.parametrize("algorithm", ["icl", "reptile"])
def test_meta_learning_algorithms_train_for_their_learner_and_evaluate(
    tmp_path: Path, algorithm: str
) -> None:
    """MetaICL and Reptile leave ``<run>/model``, keep the run's config (so ``--resume``
    checks it) and are evaluated with the learner they train for, not the self-edit one."""
    from selftaught.metatrain import evaluate_run
    from selftaught.metatrain.config import EVALUATED_KIND
    from selftaught.metatrain.trainer import TrainRunError, stored_config

    config = MetaTrainConfig.quick(model="tiny-random", algorithm=algorithm, meta_steps=1)
    run = tmp_path / "run"
    model_dir = run_algorithm(config, run)
    assert model_dir.resolve() == (run / "model").resolve()
    assert (model_dir / "config.json").is_file()
    assert stored_config(run) == config
    assert run_algorithm(config, run, resume=True) == model_dir  # finished: nothing redone
    with pytest.raises(TrainRunError, match="resume"):
        run_algorithm(config, run)  # a new run into a used directory is refused
    with pytest.raises(TrainRunError, match="final model"):
        evaluate_run(run, iteration=1)
    summary = evaluate_run(run)
    assert summary.trained_model == str(model_dir)
    stores = list((run / "eval").rglob("*.sqlite"))
    assert len(stores) == 1
    with sqlite3.connect(stores[0]) as db:
        learners = {row[0] for row in db.execute("SELECT learner FROM tracks")}
    assert learners == {"stateless", EVALUATED_KIND[algorithm]} != {"stateless", "self-edit"}
