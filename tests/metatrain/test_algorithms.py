"""The ``--algorithm`` registry: every name a config accepts is registered, and an algorithm's
output is a model directory the rest of selftaught loads."""

from __future__ import annotations

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
