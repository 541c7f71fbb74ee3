"""Contract tests of the Tinker-shaped clients, on the tiny random model.

Each test states one promise of the contract (docs/interfaces.md, the tinker
SDK's documented semantics) and checks it against an independent computation.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import tinker
import torch
from tinker import types

from selftaught.models import datum_from_tokens_weights, rl_datum

LR = types.AdamParams(learning_rate=1e-2)


def _tokens(client: Any, text: str) -> list[int]:
    return [int(t) for t in client.get_tokenizer().encode(text, add_special_tokens=False)]


def _ce_datum(client: Any, text: str, seed: int = 0) -> types.Datum:
    tokens = _tokens(client, text)
    rng = np.random.default_rng(seed)
    weights = rng.uniform(0.0, 2.0, size=len(tokens)).astype(np.float32)
    return datum_from_tokens_weights(tokens, weights.tolist())


def _adapter_params(tc: Any) -> list[torch.nn.Parameter]:
    return tc.host.adapter_params(tc.adapter)


def _train_a_little(tc: Any, data: list[types.Datum]) -> None:
    """One step so LoRA B is non-zero (gradients of A are exactly 0 at init)."""
    tc.forward_backward(data, "cross_entropy").result()
    tc.optim_step(LR).result()


def _hand_logprobs(tc: Any, datum: types.Datum) -> torch.Tensor:
    """Target logprobs by plain autograd on the same PEFT model (independent of the client).

    Call inside ``tc.host.using(tc.adapter, train=True)`` (as `_grads_of` does).
    """
    tokens = datum.model_input.to_ints()
    targets = datum.loss_fn_inputs["target_tokens"].to_torch()
    logits = tc.host.peft(input_ids=torch.tensor([tokens])).logits[0]
    return torch.log_softmax(logits.float(), -1).gather(-1, targets[:, None]).squeeze(-1)


def _grads_of(tc: Any, loss_fn: Any) -> tuple[float, list[torch.Tensor]]:
    """The loss and its gradient w.r.t. the adapter's parameters, by plain autograd."""
    params = _adapter_params(tc)
    with tc.host.using(tc.adapter, train=True), torch.enable_grad():
        loss = loss_fn()
        return float(loss.detach()), list(torch.autograd.grad(loss, params))


def test_cross_entropy_matches_hand_loss_and_gradient(
    service: Any, base_model: str, local_only: None
) -> None:
    tc = service.create_lora_training_client(base_model, rank=4, seed=1).result()
    data = [_ce_datum(tc, "The cat sat on the mat.", 0), _ce_datum(tc, "A dog!", 1)]
    _train_a_little(tc, data)

    out = tc.forward_backward(data, "cross_entropy").result()
    got_grads = [p.grad.clone() for p in _adapter_params(tc)]

    def hand_loss() -> torch.Tensor:
        return sum(
            (-(_hand_logprobs(tc, d) * d.loss_fn_inputs["weights"].to_torch()).sum() for d in data),
            torch.zeros(()),
        )

    want, want_grads = _grads_of(tc, hand_loss)
    assert out.metrics["loss:sum"] == pytest.approx(want, rel=1e-5)
    assert len(got_grads) == len(want_grads) > 0
    for got, exp in zip(got_grads, want_grads, strict=True):
        torch.testing.assert_close(got, exp, rtol=1e-4, atol=1e-6)
    # Per-datum logprobs output: next-token aligned, one per target token.
    for datum, output in zip(data, out.loss_fn_outputs, strict=True):
        lp = output["logprobs"].to_torch()
        assert lp.shape == (datum.model_input.length,)
        with tc.host.using(tc.adapter):
            want_lp = _hand_logprobs(tc, datum)
        torch.testing.assert_close(lp, want_lp, rtol=1e-5, atol=1e-5)


def test_cross_entropy_loss_is_weighted_sum_of_output_logprobs(
    service: Any, base_model: str
) -> None:
    tc = service.create_lora_training_client(base_model, rank=4, seed=2).result()
    data = [_ce_datum(tc, "hello world", 3), _ce_datum(tc, "selftaught", 4)]
    out = tc.forward(data, "cross_entropy").result()
    want = -sum(
        float((o["logprobs"].to_torch() * d.loss_fn_inputs["weights"].to_torch()).sum())
        for o, d in zip(out.loss_fn_outputs, data, strict=True)
    )
    assert out.metrics["loss:sum"] == pytest.approx(want, rel=1e-5)


def test_importance_sampling_on_policy_has_ratio_one(
    service: Any, base_model: str, local_only: None
) -> None:
    tc = service.create_lora_training_client(base_model, rank=4, seed=3).result()
    base = _ce_datum(tc, "on-policy tokens here", 5)
    _train_a_little(tc, [base])
    current = tc.forward([base], "cross_entropy").result().loss_fn_outputs[0]["logprobs"]
    advantages = np.linspace(-1.0, 2.0, base.model_input.length).astype(np.float32)
    datum = types.Datum(
        model_input=base.model_input,
        loss_fn_inputs={
            "target_tokens": base.loss_fn_inputs["target_tokens"],
            "logprobs": current,
            "advantages": types.TensorData.from_numpy(advantages),
        },
    )
    out = tc.forward_backward([datum], "importance_sampling").result()
    assert out.metrics["loss:sum"] == pytest.approx(-float(advantages.sum()), abs=1e-4)
    is_grads = [p.grad.clone() for p in _adapter_params(tc)]

    # Policy gradient: d/dθ of -Σ adv·logπ, i.e. cross-entropy with weights = advantages.
    def pg_loss() -> torch.Tensor:
        return -(_hand_logprobs(tc, datum) * torch.from_numpy(advantages)).sum()

    for got, exp in zip(is_grads, _grads_of(tc, pg_loss)[1], strict=True):
        torch.testing.assert_close(got, exp, rtol=1e-4, atol=1e-6)


def test_ppo_matches_clipped_objective(service: Any, base_model: str) -> None:
    tc = service.create_lora_training_client(base_model, rank=4, seed=4).result()
    base = _ce_datum(tc, "proximal policy", 6)
    current = tc.forward([base], "cross_entropy").result().loss_fn_outputs[0]["logprobs"].to_torch()
    n = base.model_input.length
    rng = np.random.default_rng(0)
    sampler = current.numpy() + rng.normal(0, 0.5, n).astype(np.float32)
    adv = rng.normal(0, 1, n).astype(np.float32)
    datum = types.Datum(
        model_input=base.model_input,
        loss_fn_inputs={
            "target_tokens": base.loss_fn_inputs["target_tokens"],
            "logprobs": types.TensorData.from_numpy(sampler),
            "advantages": types.TensorData.from_numpy(adv),
        },
    )
    out = tc.forward([datum], "ppo").result()
    ratio = np.exp(current.numpy() - sampler)
    want = -np.minimum(ratio * adv, np.clip(ratio, 0.8, 1.2) * adv).sum()
    assert out.metrics["loss:sum"] == pytest.approx(float(want), rel=1e-4, abs=1e-4)


def test_optim_step_changes_only_lora_params_and_clears_grads(
    service: Any, base_model: str, local_only: None
) -> None:
    tc = service.create_lora_training_client(base_model, rank=4, seed=5).result()
    adapter_ids = {id(p) for p in _adapter_params(tc)}
    base_before = {
        n: p.detach().clone()
        for n, p in tc.host.peft.named_parameters()
        if id(p) not in adapter_ids
    }
    lora_before = [p.detach().clone() for p in _adapter_params(tc)]
    data = [_ce_datum(tc, "only the adapter may move", 7)]
    for _ in range(2):  # step 1 moves B (A's gradient is 0 while B = 0); step 2 moves A too
        tc.forward_backward(data, "cross_entropy").result()
        tc.optim_step(LR).result()
        assert all(p.grad is None for p in _adapter_params(tc))
    for n, p in tc.host.peft.named_parameters():
        if id(p) not in adapter_ids:
            assert torch.equal(p, base_before[n]), f"base parameter {n} changed"
    changed = [not torch.equal(a, b) for a, b in zip(lora_before, _adapter_params(tc), strict=True)]
    assert len(changed) > 0 and all(changed), f"{changed.count(False)} LoRA tensors did not move"


def test_lora_layer_selection(service: Any, base_model: str, local_only: None) -> None:
    tc = service.create_lora_training_client(
        base_model, rank=2, seed=0, train_mlp=False, train_unembed=False
    ).result()
    names = [n for n, p in tc.host.peft.named_parameters() if f".{tc.adapter}." in n]
    assert names and all(
        any(m in n for m in ("q_proj", "k_proj", "v_proj", "o_proj")) for n in names
    )
    with pytest.raises(ValueError, match="at least one"):
        service.create_lora_training_client(
            base_model, train_mlp=False, train_attn=False, train_unembed=False
        )


def test_save_load_reproduces_logprobs_exactly(service: Any, base_model: str) -> None:
    tc = service.create_lora_training_client(base_model, rank=4, seed=6).result()
    data = [_ce_datum(tc, "remember this sentence", 8)]
    for _ in range(3):
        _train_a_little(tc, data)
    want = tc.forward(data, "cross_entropy").result().loss_fn_outputs[0]["logprobs"].to_numpy()
    path = tc.save_state("ckpt").result().path

    restored = service.create_training_client_from_state_with_optimizer(path).result()
    got = restored.forward(data, "cross_entropy").result().loss_fn_outputs[0]["logprobs"].to_numpy()
    np.testing.assert_array_equal(got, want)

    fresh = service.create_lora_training_client(base_model, rank=4, seed=99).result()
    fresh.load_state(path).result()
    got = fresh.forward(data, "cross_entropy").result().loss_fn_outputs[0]["logprobs"].to_numpy()
    np.testing.assert_array_equal(got, want)

    # Optimizer state restored: the next step is identical on both clients.
    tc.forward_backward(data, "cross_entropy")
    tc.optim_step(LR)
    restored.forward_backward(data, "cross_entropy")
    restored.optim_step(LR)
    a = tc.forward(data, "cross_entropy").result().loss_fn_outputs[0]["logprobs"].to_numpy()
    b = restored.forward(data, "cross_entropy").result().loss_fn_outputs[0]["logprobs"].to_numpy()
    np.testing.assert_array_equal(a, b)

    sampler_path = tc.save_weights_for_sampler("for-sampling").result().path
    sc = service.create_sampling_client(model_path=sampler_path).result()
    full = [*data[0].model_input.to_ints(), int(data[0].loss_fn_inputs["target_tokens"].data[-1])]
    prompt = types.ModelInput.from_ints(full)
    scored = sc.compute_logprobs(prompt).result()
    np.testing.assert_allclose(np.array(scored[1:], dtype=np.float32), a, rtol=0, atol=1e-5)


def test_seeded_sampling_is_deterministic(service: Any, base_model: str) -> None:
    sc = service.create_sampling_client(base_model=base_model).result()
    prompt = types.ModelInput.from_ints(_tokens(sc, "Once upon a time"))
    params = types.SamplingParams(max_tokens=12, temperature=1.0, seed=1234, stop=[])
    a = sc.sample(prompt, 3, params).result()
    b = sc.sample(prompt, 3, params).result()
    assert [s.tokens for s in a.sequences] == [s.tokens for s in b.sequences]
    assert len({tuple(s.tokens) for s in a.sequences}) > 1, "samples of one call should differ"
    c = sc.sample(prompt, 3, params.model_copy(update={"seed": 4321})).result()
    assert [s.tokens for s in c.sequences] != [s.tokens for s in a.sequences]


def test_compute_logprobs_agrees_with_sampler_logprobs(service: Any, base_model: str) -> None:
    tc = service.create_lora_training_client(base_model, rank=4, seed=7).result()
    _train_a_little(tc, [_ce_datum(tc, "shift the weights first", 9)])
    sc = tc.save_weights_and_get_sampling_client().result()
    prompts = [_tokens(sc, "short"), _tokens(sc, "a considerably longer prompt than that")]
    params = types.SamplingParams(max_tokens=10, temperature=1.0, seed=0, stop=[])
    for prompt in prompts:
        res = sc.sample(types.ModelInput.from_ints(prompt), 2, params).result()
        for seq in res.sequences:
            scored = sc.compute_logprobs(types.ModelInput.from_ints(prompt + seq.tokens)).result()
            assert scored[0] is None
            np.testing.assert_allclose(
                np.array(scored[len(prompt) :], dtype=np.float64),
                np.array(seq.logprobs),
                atol=1e-4,
                rtol=0,
            )


def test_stop_tokens_strings_and_max_tokens(service: Any, base_model: str) -> None:
    sc = service.create_sampling_client(base_model=base_model).result()
    tok = sc.get_tokenizer()
    prompt = types.ModelInput.from_ints(_tokens(sc, "Count: one two three"))
    greedy = types.SamplingParams(max_tokens=20, temperature=0.0, stop=[])
    free = sc.sample(prompt, 1, greedy).result().sequences[0]
    assert free.stop_reason == "length" and len(free.tokens) == 20

    # A stop token: the greedy continuation stops at its first occurrence (kept in the output).
    stop_token = free.tokens[5]
    first = free.tokens.index(stop_token)
    seq = (
        sc.sample(prompt, 1, greedy.model_copy(update={"stop": [stop_token]})).result().sequences[0]
    )
    assert seq.stop_reason == "stop" and seq.tokens == free.tokens[: first + 1]

    # A stop string spanning tokens 3..4 of the continuation.
    stop_text = tok.decode(free.tokens[3:5])
    seq = (
        sc.sample(prompt, 1, greedy.model_copy(update={"stop": [stop_text]})).result().sequences[0]
    )
    assert seq.stop_reason == "stop"
    assert stop_text in tok.decode(seq.tokens)
    assert stop_text not in tok.decode(seq.tokens[:-1])

    seq = sc.sample(prompt, 2, greedy.model_copy(update={"max_tokens": 7})).result().sequences
    assert all(s.stop_reason == "length" and len(s.tokens) == 7 for s in seq)


def test_sampling_client_is_a_frozen_snapshot(service: Any, base_model: str) -> None:
    tc = service.create_lora_training_client(base_model, rank=4, seed=8).result()
    data = [_ce_datum(tc, "snapshot me", 10)]
    _train_a_little(tc, data)
    snap = tc.save_weights_and_get_sampling_client().result()
    prompt = types.ModelInput.from_ints(_tokens(snap, "frozen?"))
    before = snap.compute_logprobs(prompt).result()
    for _ in range(3):
        _train_a_little(tc, data)
    after = snap.compute_logprobs(prompt).result()
    assert after == before
    newer = tc.save_weights_and_get_sampling_client().result().compute_logprobs(prompt).result()
    assert newer != before


def test_futures_resolve_in_submission_order(service: Any, base_model: str) -> None:
    tc = service.create_lora_training_client(base_model, rank=4, seed=9).result()
    data = [_ce_datum(tc, "ordering matters", 11)]
    done: list[int] = []
    futures = []
    for _ in range(3):
        futures.append(tc.forward_backward(data, "cross_entropy"))
        futures.append(tc.optim_step(LR))
        futures.append(tc.forward(data, "cross_entropy"))
    for k, f in enumerate(futures):
        f.future().add_done_callback(lambda _f, k=k: done.append(k))
    results = [f.result() for f in futures]
    from selftaught.models import LocalServiceClient

    if isinstance(service, LocalServiceClient):  # the SDK resolves futures by polling, so
        assert sorted(done) == done == list(range(len(futures)))  # only local ones finish in order
    assert sorted(done) == list(range(len(futures)))
    losses = [r.metrics["loss:sum"] for r in results[2::3]]
    assert losses[0] > losses[1] > losses[2], "each forward must see the steps submitted before it"


def test_futures_are_awaitable(service: Any, base_model: str) -> None:
    import asyncio

    async def main() -> float:
        tc = await service.create_lora_training_client(base_model, rank=2, seed=0)
        out = await tc.forward([_ce_datum(tc, "await me", 12)], "cross_entropy")
        return float(out.metrics["loss:sum"])

    assert asyncio.run(main()) > 0


def test_bad_inputs_raise_clear_errors(service: Any, base_model: str) -> None:
    tc = service.create_lora_training_client(base_model, rank=2, seed=0).result()
    datum = _ce_datum(tc, "abc", 0)
    # Locally the call raises at once; through a server, the SDK raises from the future.
    errors = (ValueError, tinker.RequestFailedError)
    with pytest.raises(errors, match="advantages"):
        tc.forward_backward([datum], "importance_sampling").result()
    with pytest.raises(errors, match="not supported"):
        tc.forward_backward([datum], "cispo").result()
    with pytest.raises(errors, match="No data"):
        tc.forward_backward([], "cross_entropy").result()
    bad = types.Datum(
        model_input=types.ModelInput.from_ints([1, 2, 3]), loss_fn_inputs={"target_tokens": [4, 5]}
    )
    with pytest.raises(errors, match="align"):
        tc.forward([bad], "cross_entropy").result()


def test_rl_datum_and_custom_loss(service: Any, base_model: str) -> None:
    tc = service.create_lora_training_client(base_model, rank=4, seed=10).result()
    sc = tc.save_weights_and_get_sampling_client().result()
    prompt = _tokens(sc, "question")
    seq = (
        sc.sample(
            types.ModelInput.from_ints(prompt),
            1,
            types.SamplingParams(max_tokens=6, seed=0, stop=[]),
        )
        .result()
        .sequences[0]
    )
    datum = rl_datum(prompt, seq.tokens, seq.logprobs, advantage=1.5)
    out = tc.forward([datum], "importance_sampling").result()
    assert out.metrics["loss:sum"] == pytest.approx(-1.5 * len(seq.tokens), abs=1e-3)

    def neg_ll(data: list[types.Datum], logprobs: list[torch.Tensor]) -> tuple[torch.Tensor, dict]:
        loss = sum(
            (
                -(lp * d.loss_fn_inputs["weights"].to_torch()).sum()
                for d, lp in zip(data, logprobs, strict=True)
            ),
            torch.zeros(()),
        )
        return loss, {"custom/neg_ll:sum": float(loss.detach())}

    ce = _ce_datum(tc, "custom loss", 13)
    want = tc.forward([ce], "cross_entropy").result().metrics["loss:sum"]
    got = tc.forward_backward_custom([ce], neg_ll).result()
    assert got.metrics["loss:sum"] == pytest.approx(want, rel=1e-5)
    assert got.metrics["custom/neg_ll:sum"] == pytest.approx(want, rel=1e-5)


@pytest.mark.filterwarnings("ignore::UserWarning", "ignore::FutureWarning")
def test_checkpoint_names_and_peft_compatibility(
    service: Any, base_model: str, local_only: None
) -> None:
    from peft import PeftModel

    from selftaught.models import CheckpointError
    from selftaught.models.loading import build_tiny_random

    tc = service.create_lora_training_client(base_model, rank=4, seed=11).result()
    data = [_ce_datum(tc, "peft can read this", 14)]
    untrained = tc.save_state("before-any-step").result().path  # no optimizer step yet
    service.create_training_client_from_state_with_optimizer(untrained).result()
    _train_a_little(tc, data)
    path = tc.save_state("same").result().path
    with pytest.raises(CheckpointError, match="overwrite"):
        tc.save_state("same").result()
    assert tc.save_state("same", overwrite=True).result().path == path
    with pytest.raises(ValueError, match="plain name"):
        tc.save_state("a/b")

    # The directory is a plain PEFT adapter: PeftModel.from_pretrained reproduces the logprobs.
    fresh = build_tiny_random(torch.device("cpu"))
    peft_model = PeftModel.from_pretrained(fresh.model, path)
    want = tc.forward(data, "cross_entropy").result().loss_fn_outputs[0]["logprobs"].to_torch()
    tokens = data[0].model_input.to_ints()
    targets = data[0].loss_fn_inputs["target_tokens"].to_torch()
    with torch.no_grad():
        logits = peft_model(input_ids=torch.tensor([tokens])).logits[0]
    got = torch.log_softmax(logits, -1).gather(-1, targets[:, None]).squeeze(-1)
    torch.testing.assert_close(got, want, rtol=1e-5, atol=1e-5)


def test_dropped_sampling_clients_free_their_snapshot(
    service: Any, base_model: str, local_only: None
) -> None:
    import gc

    tc = service.create_lora_training_client(base_model, rank=2, seed=12).result()
    before = set(tc.host.specs)
    for _ in range(3):
        sc = tc.save_weights_and_get_sampling_client().result()
        sc.sample(
            types.ModelInput.from_ints([5, 6]), 1, types.SamplingParams(max_tokens=2)
        ).result()
    del sc
    gc.collect()
    tc.forward([_ce_datum(tc, "round trip", 15)], "cross_entropy").result()
    assert set(tc.host.specs) <= before | {tc.adapter}
