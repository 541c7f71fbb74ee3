"""Fixtures for running tinker-cookbook's own loops on the local service.

The swap is the one a Tinker user makes: ``tinker.ServiceClient`` becomes
selftaught's `LocalServiceClient` (with a model alias, because the cookbook's
recipes look their renderer up by a real model name). Besides that, only what
an offline machine needs: the tokenizer registered through the cookbook's own
``register_tokenizer``, in-memory data for ``datasets.load_dataset``, and the
cookbook's price-list download refused (CI has no network).
"""

from __future__ import annotations

import functools
import urllib.error
from pathlib import Path
from typing import Any

import pytest
import torch

pytest.importorskip("tinker_cookbook", reason="tinker-cookbook is installed by `make` (dev)")

torch.set_num_threads(1)

MODEL = "meta-llama/Llama-3.2-1B"
"""A name the cookbook knows (renderer ``role_colon``), served by the tiny random model."""


def _offline(*args: Any, **kwargs: Any) -> Any:
    raise urllib.error.URLError("offline test: no network")


@pytest.fixture
def local_tinker(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Swap ``tinker.ServiceClient`` for the local service; returns its state directory."""
    import tinker
    from tinker_cookbook import tokenizer_utils
    from tinker_cookbook.utils import cost_estimation

    from selftaught.models import LocalServiceClient, load_model

    state = tmp_path / "state"
    monkeypatch.setattr(
        tinker,
        "ServiceClient",
        functools.partial(
            LocalServiceClient, state_dir=state, model_aliases={MODEL: "tiny-random"}
        ),
    )
    tokenizer_utils.register_tokenizer(MODEL, lambda: load_model("tiny-random").tokenizer)
    monkeypatch.setattr(cost_estimation, "_download_pricing", _offline)
    return state


@pytest.fixture
def in_memory_datasets(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[dict[str, Any]]]:
    """``datasets.load_dataset(name)`` returns the rows put in this dict under ``name``."""
    import datasets

    rows: dict[str, list[dict[str, Any]]] = {}

    def load_dataset(name: str, *args: Any, **kwargs: Any) -> Any:
        return datasets.DatasetDict({"train": datasets.Dataset.from_list(rows[name])})

    monkeypatch.setattr(datasets, "load_dataset", load_dataset)
    return rows
