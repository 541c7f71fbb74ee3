"""Batched sampling: left padding, truncation, batching of concurrent calls, EOS."""

from __future__ import annotations

from concurrent.futures import Future
from typing import Any

import numpy as np
import pytest
import tinker
from tinker import types
from tinker.lib.public_interfaces.api_future import AwaitableConcurrentFuture

from selftaught.models import get_renderer, sample_many

GREEDY = types.SamplingParams(max_tokens=10, temperature=0.0, stop=[])


@pytest.fixture
def sampler(service: Any, base_model: str) -> Any:
    return service.create_sampling_client(base_model=base_model).result()


def _prompt(client: Any, text: str) -> types.ModelInput:
    return types.ModelInput.from_ints(client.get_tokenizer().encode(text, add_special_tokens=False))


def test_left_padded_batch_equals_one_at_a_time(sampler: Any) -> None:
    prompts = [_prompt(sampler, t) for t in ("a", "a much longer prompt here", "mid length")]
    batched = sample_many(sampler, prompts, 2, GREEDY)
    for prompt, response in zip(prompts, batched, strict=True):
        alone = sampler.sample(prompt, 1, GREEDY).result().sequences[0]
        for seq in response.sequences:
            assert seq.tokens == alone.tokens
            np.testing.assert_allclose(seq.logprobs, alone.logprobs, atol=1e-5)


def test_truncation_to_one_token_is_greedy(sampler: Any) -> None:
    prompt = _prompt(sampler, "truncate")
    greedy = sampler.sample(prompt, 1, GREEDY).result().sequences[0].tokens
    for update in ({"top_k": 1}, {"top_p": 1e-6}):
        params = GREEDY.model_copy(update={"temperature": 1.0, "seed": 0, **update})
        res = sampler.sample(prompt, 3, params).result()
        assert all(s.tokens == greedy for s in res.sequences), update


def test_top_k_limits_choices(sampler: Any) -> None:
    prompt = _prompt(sampler, "k")
    params = types.SamplingParams(max_tokens=1, temperature=1.0, top_k=2, seed=0, stop=[])
    first = {s.tokens[0] for s in sampler.sample(prompt, 40, params).result().sequences}
    assert len(first) == 2
    wide = {
        s.tokens[0]
        for s in sampler.sample(prompt, 40, params.model_copy(update={"top_k": -1}))
        .result()
        .sequences
    }
    assert len(wide) > 2


def test_concurrent_sample_calls_match_sequential(sampler: Any) -> None:
    prompts = [_prompt(sampler, t) for t in ("one", "two two", "three three three")]
    params = [
        types.SamplingParams(max_tokens=6, temperature=1.0, seed=s, stop=[]) for s in (1, 2, 3)
    ]
    futures = [sampler.sample(p, 2, sp) for p, sp in zip(prompts, params, strict=True)]
    concurrent = [f.result() for f in futures]
    for prompt, sp, got in zip(prompts, params, concurrent, strict=True):
        want = sampler.sample(prompt, 2, sp).result()
        assert [s.tokens for s in got.sequences] == [s.tokens for s in want.sequences]


def test_prompt_logprobs(sampler: Any) -> None:
    prompt = _prompt(sampler, "score these tokens")
    res = sampler.sample(prompt, 1, GREEDY, include_prompt_logprobs=True).result()
    scored = sampler.compute_logprobs(prompt).result()
    assert res.prompt_logprobs[0] is None and scored[0] is None
    np.testing.assert_allclose(res.prompt_logprobs[1:], scored[1:], atol=1e-6)


def test_invalid_params_raise(sampler: Any) -> None:
    prompt = _prompt(sampler, "x")
    # Locally the call raises at once; through a server, the SDK raises from the future.
    errors = (ValueError, tinker.RequestFailedError)
    for bad in ({"temperature": -1.0}, {"top_k": 0}, {"top_p": 0.0}, {"max_tokens": 0}):
        with pytest.raises(errors, match=next(iter(bad))):
            sampler.sample(prompt, 1, GREEDY.model_copy(update=bad)).result()
    with pytest.raises(errors, match="empty"):
        sampler.sample(types.ModelInput.from_ints([]), 1, GREEDY).result()


def test_sft_then_sample_stops_at_end_of_turn(service: Any, base_model: str) -> None:
    """Supervised fine-tuning on one chat teaches the reply and the end-of-turn stop."""
    tc = service.create_lora_training_client(base_model, rank=8, seed=0).result()
    renderer = get_renderer(tc.get_tokenizer())
    convo = [{"role": "user", "content": "2+2?"}, {"role": "assistant", "content": "4"}]
    datum = renderer.build_supervised_datum(convo)
    for _ in range(10):
        tc.forward_backward([datum], "cross_entropy")
        tc.optim_step(types.AdamParams(learning_rate=1e-2))
    sc = tc.save_weights_and_get_sampling_client().result()
    res = sc.sample(
        renderer.build_generation_prompt(convo[:1]),
        2,
        types.SamplingParams(max_tokens=20, temperature=0.0),
    ).result()
    for seq in res.sequences:
        assert seq.stop_reason == "stop"
        assert seq.tokens[-1] in renderer.get_stop_sequences()
        assert renderer.parse_response(seq.tokens) == ({"role": "assistant", "content": "4"}, True)


def test_sample_many_fans_out_on_other_clients() -> None:
    calls: list[list[int]] = []

    class Remote:
        def sample(
            self, prompt: types.ModelInput, num_samples: int, params: types.SamplingParams
        ) -> AwaitableConcurrentFuture[Any]:
            calls.append(prompt.to_ints())
            fut: Future[Any] = Future()
            fut.set_result(types.SampleResponse(sequences=[]))
            return AwaitableConcurrentFuture(fut)

    prompts = [types.ModelInput.from_ints([1, 2]), types.ModelInput.from_ints([3])]
    out = sample_many(Remote(), prompts, 2, GREEDY)
    assert len(out) == 2 and calls == [[1, 2], [3]]


def test_compute_logprobs_last_n(sampler: Any) -> None:
    prompt = _prompt(sampler, "only the tail")
    full = sampler.compute_logprobs(prompt).result()
    tail = sampler.compute_logprobs(prompt, prompt_logprobs_last_n=3).result()
    assert tail[:-3] == [None] * (len(full) - 3) and tail[-3:] == full[-3:]


def test_queued_sample_calls_share_one_decode(sampler: Any, local_only: None) -> None:
    import threading

    from selftaught.models.worker import WORKER

    calls: list[int] = []
    original = sampler.host.generate

    def counting(adapter: Any, requests: Any) -> Any:
        calls.append(len(requests))
        return original(adapter, requests)

    gate = threading.Event()
    blocker = WORKER.submit(gate.wait)  # hold the worker so the samples queue up
    sampler.host.generate = counting
    try:
        futures = [sampler.sample(_prompt(sampler, t), 2, GREEDY) for t in ("x", "yy", "zzz")]
        gate.set()
        blocker.result()
        results = [f.result() for f in futures]
    finally:
        del sampler.host.generate  # back to the class method
    assert calls == [3]
    assert all(len(r.sequences) == 2 for r in results)
