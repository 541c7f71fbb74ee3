"""Fixtures for the environment adapters: a two-chapter book and the offline cookbook swap.

The swap is the cookbook suite's (``tests/cookbook/conftest.py``): ``tinker.ServiceClient``
becomes selftaught's local service, serving a cookbook-known model name with the tiny
random model, the tokenizer registered through the cookbook's ``register_tokenizer``,
and the price-list download refused (no network in CI).
"""

from __future__ import annotations

import functools
import urllib.error
from pathlib import Path
from typing import Any

import pytest

from selftaught.types import Textbook

TINY_BOOK = Path(__file__).parents[1] / "study" / "data" / "tiny_book.json"
MODEL = "meta-llama/Llama-3.2-1B"
"""A name the cookbook knows (renderer ``role_colon``), served by the tiny random model."""


@pytest.fixture
def book() -> Textbook:
    """The study tests' tiny book, cut to 2 exercises and 2 probes a chapter (fast episodes)."""
    full = Textbook.model_validate_json(TINY_BOOK.read_text())
    chapters = [ch.model_copy(update={"exercises": ch.exercises[:2], "probes": ch.probes[:2]})
                for ch in full.chapters[:2]]
    return full.model_copy(update={"chapters": chapters})


@pytest.fixture
def book_path(book: Textbook, tmp_path: Path) -> Path:
    from selftaught.textbook import save_textbook

    path = tmp_path / "book.yaml"
    save_textbook(book, path)
    return path


def _offline(*args: Any, **kwargs: Any) -> Any:
    raise urllib.error.URLError("offline test: no network")


@pytest.fixture
def local_tinker(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Swap ``tinker.ServiceClient`` for the local service; returns its state directory."""
    pytest.importorskip("tinker_cookbook", reason="tinker-cookbook is installed by `make` (dev)")
    import tinker
    import torch
    from tinker_cookbook import tokenizer_utils
    from tinker_cookbook.utils import cost_estimation

    from selftaught.models import LocalServiceClient, load_model

    torch.set_num_threads(1)
    state = tmp_path / "state"
    monkeypatch.setattr(tinker, "ServiceClient", functools.partial(
        LocalServiceClient, state_dir=state, model_aliases={MODEL: "tiny-random"}))
    tokenizer_utils.register_tokenizer(MODEL, lambda: load_model("tiny-random").tokenizer)
    monkeypatch.setattr(cost_estimation, "_download_pricing", _offline)
    return state
