"""`load_tokenizer` gives the same tokenizer as `load_model` without building the model."""

from __future__ import annotations

from pathlib import Path

import pytest

from selftaught.models import ModelLoadError, load_model, load_tokenizer


def test_tiny_random_tokenizer_matches_the_models() -> None:
    text = "<|im_start|>user\nhello, wörld<|im_end|>"
    assert load_tokenizer("tiny-random").encode(text) == load_model(
        "tiny-random", "cpu"
    ).tokenizer.encode(text)


def test_local_directory_round_trip(tmp_path: Path) -> None:
    loaded = load_model("tiny-random", "cpu")
    loaded.tokenizer.save_pretrained(tmp_path)
    loaded.model.config.save_pretrained(tmp_path)
    tokenizer = load_tokenizer(str(tmp_path))
    assert tokenizer.encode("abc") == loaded.tokenizer.encode("abc")
    assert tokenizer.pad_token_id is not None


def test_missing_directory_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelLoadError, match="not a built-in"):
        load_tokenizer(str(tmp_path / "absent"))
