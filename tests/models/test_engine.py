"""The static-cache engine and the new token draw against the previous implementation.

`reference_impl` is the sampler as it was before the engine (HF ``DynamicCache``,
full-vocabulary sort for top-k/top-p); every case here must give the same tokens,
stop reasons and (to float rounding) logprobs on the tiny model.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import torch
from reference_impl import generate as reference_generate
from tinker import types

from selftaught.models import draw, engine, sampling
from selftaught.models.loading import build_tiny_random

PROMPTS = ("a", "a much longer prompt here", "mid length", "hello world, again")

CASES = {
    "greedy": types.SamplingParams(max_tokens=24, temperature=0.0, stop=[]),
    "temperature": types.SamplingParams(max_tokens=24, temperature=1.0, seed=3, stop=[]),
    "top_p_stop_strings": types.SamplingParams(
        max_tokens=24, temperature=0.7, top_p=0.95, seed=5, stop=["e", "o", "\n"]
    ),
    "top_p_flat": types.SamplingParams(max_tokens=24, temperature=2.0, top_p=0.99, seed=5),
    "top_k": types.SamplingParams(max_tokens=24, temperature=1.0, top_k=5, seed=7),
    "top_k_and_p": types.SamplingParams(
        max_tokens=24, temperature=1.0, top_k=50, top_p=0.5, seed=7, stop=["a"]
    ),
}


@pytest.fixture(scope="module")
def tiny() -> Any:
    return build_tiny_random(torch.device("cpu"))


@pytest.fixture(scope="module")
def lora_model() -> Any:
    """The tiny model with a PEFT LoRA whose B factors are random (so it changes outputs)."""
    from peft import LoraConfig, get_peft_model

    loaded = build_tiny_random(torch.device("cpu"), seed=1)
    config = LoraConfig(r=4, lora_alpha=8, target_modules=["q_proj", "k_proj", "v_proj",
                        "o_proj", "gate_proj", "up_proj", "down_proj", "lm_head"])
    peft = get_peft_model(loaded.model, config)
    generator = torch.Generator().manual_seed(0)
    with torch.no_grad():
        for name, p in peft.named_parameters():
            if "lora_B" in name:
                p.copy_(torch.randn(p.shape, generator=generator) * 0.2)
    peft.eval()
    return loaded, peft


def _requests(tokenizer: Any, params: types.SamplingParams, logprobs: bool = True
              ) -> list[sampling.SampleRequest]:
    return [sampling.SampleRequest(tokenizer.encode(t), 3, params, include_prompt_logprobs=True,
                                   logprobs=logprobs) for t in PROMPTS]


def _assert_same(want: list[types.SampleResponse], got: list[types.SampleResponse]) -> None:
    for w, g in zip(want, got, strict=True):
        np.testing.assert_allclose(g.prompt_logprobs[1:], w.prompt_logprobs[1:], atol=1e-5)
        for ws, gs in zip(w.sequences, g.sequences, strict=True):
            assert gs.tokens == ws.tokens
            assert gs.stop_reason == ws.stop_reason
            np.testing.assert_allclose(gs.logprobs, ws.logprobs, atol=1e-5)


@pytest.mark.parametrize("case", sorted(CASES))
def test_engine_matches_previous_sampler(tiny: Any, case: str) -> None:
    requests = _requests(tiny.tokenizer, CASES[case])
    want = reference_generate(tiny.model, tiny.tokenizer, requests, tiny.eos_token_ids,
                              tiny.device)
    requests = _requests(tiny.tokenizer, CASES[case])
    got = sampling.generate(tiny.model, tiny.tokenizer, requests, tiny.eos_token_ids,
                            tiny.device)
    _assert_same(want, got)


@pytest.mark.parametrize("case", ["greedy", "top_p_stop_strings", "top_k_and_p"])
def test_engine_lora_tensors_match_peft_adapter(lora_model: Any, case: str) -> None:
    loaded, peft = lora_model
    requests = _requests(loaded.tokenizer, CASES[case])
    want = reference_generate(peft, loaded.tokenizer, requests, loaded.eos_token_ids,
                              loaded.device)
    with peft.disable_adapter():
        base = reference_generate(peft, loaded.tokenizer, _requests(
            loaded.tokenizer, CASES[case]), loaded.eos_token_ids, loaded.device)
    lora = engine.lora_weights(peft, "default", clone=True)
    assert len(lora) == 2 * 7 + 1
    got = sampling.generate(loaded.model, loaded.tokenizer, _requests(loaded.tokenizer,
                            CASES[case]), loaded.eos_token_ids, loaded.device, lora=lora)
    _assert_same(want, got)
    # The adapter matters: the same requests differ from the base model's.
    assert [s.tokens for r in want for s in r.sequences] != [
        s.tokens for r in base for s in r.sequences]


def test_full_sort_fallback_is_exact(tiny: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """With only 4 candidates most nuclei do not fit: those rows take the full sort."""
    monkeypatch.setattr(draw, "CANDIDATES", 4)
    calls: list[int] = []
    original = draw._sorted

    def counting(*args: Any) -> torch.Tensor:
        calls.append(int(args[0].shape[0]))
        return original(*args)

    monkeypatch.setattr(draw, "_sorted", counting)
    params = CASES["top_p_flat"]
    want = reference_generate(tiny.model, tiny.tokenizer, _requests(tiny.tokenizer, params),
                              tiny.eos_token_ids, tiny.device)
    got = sampling.generate(tiny.model, tiny.tokenizer, _requests(tiny.tokenizer, params),
                            tiny.eos_token_ids, tiny.device)
    _assert_same(want, got)
    assert calls, "the fallback never ran"


def test_compaction_keeps_rows_aligned(tiny: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows stopping at different steps: the cache is compacted, outputs unchanged."""
    compactions: list[int] = []
    original = engine.Decode.compact

    def counting(self: engine.Decode, keep: torch.Tensor) -> None:
        compactions.append(int(keep.shape[0]))
        original(self, keep)

    monkeypatch.setattr(engine.Decode, "compact", counting)
    # A third of the vocabulary stops a row: rows finish at many different steps.
    params = types.SamplingParams(max_tokens=40, temperature=1.0, seed=11,
                                  stop=list(range(3, 90)))
    requests = [sampling.SampleRequest(tiny.tokenizer.encode(t), 4, params) for t in PROMPTS]
    want = reference_generate(tiny.model, tiny.tokenizer, requests, tiny.eos_token_ids,
                              tiny.device)
    requests = [sampling.SampleRequest(tiny.tokenizer.encode(t), 4, params) for t in PROMPTS]
    got = sampling.generate(tiny.model, tiny.tokenizer, requests, tiny.eos_token_ids,
                            tiny.device)
    lengths = {len(s.tokens) for r in got for s in r.sequences}
    assert len(lengths) >= 3, "rows should stop at different steps"
    assert compactions, "the cache was never compacted"
    for w, g in zip(want, got, strict=True):
        for ws, gs in zip(w.sequences, g.sequences, strict=True):
            assert gs.tokens == ws.tokens
            np.testing.assert_allclose(gs.logprobs, ws.logprobs, atol=1e-5)


def test_hf_decoder_matches_previous_sampler(tiny: Any) -> None:
    """The generic (non-Llama) path gives the previous results too."""
    params = CASES["top_p_stop_strings"]
    want = reference_generate(tiny.model, tiny.tokenizer, _requests(tiny.tokenizer, params),
                              tiny.eos_token_ids, tiny.device)
    got = sampling.generate(tiny.model, tiny.tokenizer, _requests(tiny.tokenizer, params),
                            tiny.eos_token_ids, tiny.device,
                            decoder=lambda: sampling.HFDecoder(tiny.model))
    _assert_same(want, got)


def test_logprobs_only_when_asked(tiny: Any) -> None:
    params = CASES["temperature"]
    with_lp = sampling.generate(tiny.model, tiny.tokenizer, _requests(tiny.tokenizer, params),
                                tiny.eos_token_ids, tiny.device)
    without = sampling.generate(tiny.model, tiny.tokenizer,
                                _requests(tiny.tokenizer, params, logprobs=False),
                                tiny.eos_token_ids, tiny.device)
    for a, b in zip(with_lp, without, strict=True):
        for sa, sb in zip(a.sequences, b.sequences, strict=True):
            assert sa.tokens == sb.tokens
            assert sb.logprobs_np is None and sa.logprobs_np is not None


def test_token_logprobs_equal_log_softmax() -> None:
    logits = torch.randn(5, 300, generator=torch.Generator().manual_seed(0)) * 4
    tokens = torch.tensor([0, 17, 299, 5, 120])
    want = torch.log_softmax(logits, -1).gather(-1, tokens[:, None]).squeeze(-1)
    torch.testing.assert_close(draw.token_logprobs(logits, tokens), want, atol=1e-6, rtol=0)


def test_draw_top_p_distribution_is_exact() -> None:
    """Empirical frequencies of the prefiltered top-p draw equal the nucleus distribution."""
    logits = torch.tensor([[3.0, 2.5, 2.0, 1.0, 0.0] + [-5.0] * 295])
    probs = torch.softmax(logits, -1)[0]
    order = probs.argsort(descending=True)
    cum = probs[order].cumsum(0) - probs[order]
    nucleus = order[cum < 0.9]
    want = torch.zeros(300)
    want[nucleus] = probs[nucleus] / probs[nucleus].sum()
    generator = torch.Generator().manual_seed(0)
    n = 4000
    counts = torch.zeros(300)
    for _ in range(n):
        token = draw.draw(logits, [generator], [1.0], [-1], [0.9])
        counts[int(token)] += 1
    assert set(counts.nonzero().squeeze(-1).tolist()) <= set(nucleus.tolist())
    torch.testing.assert_close(counts / n, want, atol=0.03, rtol=0)


@pytest.mark.slow
def test_engine_matches_previous_sampler_on_smollm2() -> None:
    """The embedded model: greedy and top-p samples equal the previous sampler's."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from selftaught.models import get_renderer
    from selftaught.models.loading import ensure_smollm2_cache

    # A private copy: the process-wide model may carry PEFT layers of other tests.
    path = ensure_smollm2_cache()
    model = AutoModelForCausalLM.from_pretrained(path, dtype=torch.float32).eval()
    tokenizer = AutoTokenizer.from_pretrained(path)
    if tokenizer.pad_token_id is None:
        tokenizer.pad_token = tokenizer.eos_token
    eos = [int(tokenizer.eos_token_id)]
    renderer = get_renderer(tokenizer)
    prompts = [renderer.build_generation_prompt([{"role": "user", "content": q}]).to_ints()
               for q in ("What is 2+2?", "Name a bird.")]
    for params in (types.SamplingParams(max_tokens=12, temperature=0.0),
                   types.SamplingParams(max_tokens=12, temperature=0.7, top_p=0.95, seed=4)):
        def requests() -> list[sampling.SampleRequest]:
            return [sampling.SampleRequest(p, 2, params) for p in prompts]  # noqa: B023
        want = reference_generate(model, tokenizer, requests(), eos, torch.device("cpu"))
        got = sampling.generate(model, tokenizer, requests(), eos, torch.device("cpu"))
        for w, g in zip(want, got, strict=True):
            for ws, gs in zip(w.sequences, g.sequences, strict=True):
                assert gs.tokens == ws.tokens
                np.testing.assert_allclose(gs.logprobs, ws.logprobs, atol=1e-4)
