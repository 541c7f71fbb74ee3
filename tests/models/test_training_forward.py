"""The training forward (logits only where loss is carried), LoRA layer ranges, snapshots and
batches without replacement, against the previous implementation on the tiny model."""

from __future__ import annotations

import random
from typing import Any

import numpy as np
import pytest
import torch
from reference_impl import target_logprobs as reference_target_logprobs
from tinker import types

from selftaught.models import datum_from_tokens_weights, losses
from selftaught.models.batches import Shuffled
from selftaught.models.host import LoraSpec, ModelHost
from selftaught.models.loading import build_tiny_random


@pytest.fixture
def host() -> ModelHost:
    host = ModelHost(build_tiny_random(torch.device("cpu"), seed=2))
    name = host.add_adapter("train", LoraSpec(rank=4, seed=0))
    generator = torch.Generator().manual_seed(1)
    with torch.no_grad():
        for n, p in host.peft.named_parameters():
            if "lora_B" in n:  # non-zero B: the adapter changes outputs and gradients
                p.copy_(torch.randn(p.shape, generator=generator) * 0.1)
    host.train_name = name  # type: ignore[attr-defined]
    return host


def _batch() -> tuple[list[tuple[list[int], list[int]]], list[np.ndarray]]:
    rng = np.random.default_rng(0)
    pairs, weights = [], []
    for length in (31, 17, 24):
        tokens = rng.integers(3, 259, length + 1).tolist()
        pairs.append((tokens[:-1], tokens[1:]))
        w = np.zeros(length, dtype=np.float32)
        w[-6:] = 1.0  # a learner datum: the reply carries the loss
        weights.append(w)
    return pairs, weights


def _loss_and_grads(host: ModelHost, fn: Any) -> tuple[float, list[torch.Tensor], list[Any]]:
    name = host.train_name  # type: ignore[attr-defined]
    pairs, weights = _batch()
    with host.using(name, train=True) as model, torch.enable_grad():
        logprobs = fn(model, pairs, weights)
        loss = sum(-(lp * torch.as_tensor(w)).sum() for lp, w in zip(logprobs, weights,
                                                                      strict=True))
        assert isinstance(loss, torch.Tensor)
        loss.backward()
        params = host.adapter_params(name)
        grads = [p.grad.clone() for p in params]
        for p in params:
            p.grad = None
    return float(loss), grads, [lp.detach() for lp in logprobs]


def test_weighted_positions_match_full_vocabulary_forward(host: ModelHost) -> None:
    pad = int(host.loaded.tokenizer.pad_token_id)
    old = _loss_and_grads(host, lambda m, pairs, w: reference_target_logprobs(
        m, pad, host.loaded.device, pairs))
    rows: list[int] = []
    hook = host.loaded.model.lm_head.register_forward_hook(
        lambda module, args, out: rows.append(args[0].shape[0]) if out.requires_grad else None)
    try:
        new = _loss_and_grads(host, lambda m, pairs, w: host.target_logprobs(
            m, pairs, [losses.loss_positions("cross_entropy", {"weights": x}) for x in w]))
    finally:
        hook.remove()
    assert new[0] == pytest.approx(old[0], rel=1e-5)
    assert len(new[1]) == len(old[1]) > 0
    for g_new, g_old in zip(new[1], old[1], strict=True):
        torch.testing.assert_close(g_new, g_old, atol=1e-5, rtol=1e-4)
    for lp_new, lp_old in zip(new[2], old[2], strict=True):  # every position still returned
        torch.testing.assert_close(lp_new, lp_old, atol=1e-5, rtol=1e-5)
    assert rows == [18], "lm_head with gradients should see only the 3 x 6 weighted tokens"


def test_loss_positions() -> None:
    w = np.array([0.0, 1.0, 0.0, 2.0])
    assert losses.loss_positions("cross_entropy", {"weights": w}).tolist() == [
        False, True, False, True]
    assert losses.loss_positions("cross_entropy", {}) is None
    assert losses.loss_positions("cross_entropy", {"weights": np.ones(3)}) is None
    adv = np.array([0.5, 0.0])
    assert losses.loss_positions("ppo", {"advantages": adv, "logprobs": adv}).tolist() == [
        True, False]


def test_client_forward_backward_unchanged(service: Any, base_model: str, local_only: None
                                           ) -> None:
    """Through the client: losses and returned logprobs of weighted data equal a forward
    over every position (the ``forward`` call computes all positions without a graph)."""
    tc = service.create_lora_training_client(base_model, rank=4, seed=0).result()
    tc.forward_backward([datum_from_tokens_weights(list(range(5, 30)), [1.0] * 25)],
                        "cross_entropy").result()
    tc.optim_step(types.AdamParams(learning_rate=1e-2)).result()
    weights = [0.0] * 20 + [1.0] * 5
    data = [datum_from_tokens_weights(list(range(40, 65)), weights)]
    fwd = tc.forward(data, "cross_entropy").result()
    fb = tc.forward_backward(data, "cross_entropy").result()
    assert fb.metrics["loss:sum"] == pytest.approx(fwd.metrics["loss:sum"], rel=1e-5)
    np.testing.assert_allclose(fb.loss_fn_outputs[0]["logprobs"].to_numpy(),
                               fwd.loss_fn_outputs[0]["logprobs"].to_numpy(), atol=1e-5)


def test_all_zero_weights_still_backprop_zero_gradients(service: Any, base_model: str,
                                                        local_only: None) -> None:
    """An RL group whose rewards tie has every advantage 0: forward_backward must still run
    (zero gradients, as the full forward gave), not fail for a loss without a graph."""
    assert losses.loss_positions("importance_sampling", {"advantages": np.zeros(3)}).tolist() == [
        True, False, False]
    tc = service.create_lora_training_client(base_model, rank=4, seed=0).result()
    datum = datum_from_tokens_weights(list(range(5, 30)), [0.0] * 25)
    fb = tc.forward_backward([datum], "cross_entropy").result()
    assert fb.metrics["loss:sum"] == 0.0
    tc.optim_step(types.AdamParams(learning_rate=1e-2)).result()


def test_lora_layer_range(service: Any, base_model: str, local_only: None, tmp_path: Any
                          ) -> None:
    tc = service.create_lora_training_client(base_model, rank=4, seed=0,
                                             lora_layers=(1, 2)).result()
    names = [n for n, _ in tc.host.peft.named_parameters() if f".{tc.adapter}." in n]
    assert names and all(".layers.1." in n or "lm_head" in n for n in names), names
    assert any("lm_head" in n for n in names)
    datum = datum_from_tokens_weights(list(range(5, 30)), [1.0] * 25)
    before = tc.forward([datum], "cross_entropy").result().metrics["loss:sum"]
    for _ in range(3):
        tc.forward_backward([datum], "cross_entropy").result()
        tc.optim_step(types.AdamParams(learning_rate=1e-2)).result()
    after = tc.forward([datum], "cross_entropy").result().metrics["loss:sum"]
    assert after < before
    path = tc.save_state("ranged").result().path
    again = service.create_training_client_from_state(path).result()
    assert again.spec.layers == (1, 2)
    assert again.forward([datum], "cross_entropy").result().metrics["loss:sum"] == (
        pytest.approx(after, rel=1e-5))
    with pytest.raises(ValueError, match="layers"):
        LoraSpec(layers=(2, 1)).target_modules()


def test_snapshot_is_tensors_not_a_peft_adapter(service: Any, base_model: str,
                                                local_only: None) -> None:
    tc = service.create_lora_training_client(base_model, rank=4, seed=0).result()
    datum = datum_from_tokens_weights(list(range(5, 30)), [1.0] * 25)
    tc.forward_backward([datum], "cross_entropy").result()
    tc.optim_step(types.AdamParams(learning_rate=1e-2)).result()
    adapters = set(tc.host.peft.peft_config)
    sc = tc.save_weights_and_get_sampling_client().result()
    assert set(tc.host.peft.peft_config) == adapters
    prompt = types.ModelInput.from_ints([5, 6, 7])
    greedy = types.SamplingParams(max_tokens=8, temperature=0.0, stop=[])
    first = sc.sample(prompt, 1, greedy).result().sequences[0]
    scored = sc.compute_logprobs(types.ModelInput.from_ints([5, 6, 7, *first.tokens])).result()
    np.testing.assert_allclose(scored[3:], first.logprobs, atol=1e-5)
    for _ in range(3):  # more training must not change the frozen snapshot
        tc.forward_backward([datum], "cross_entropy").result()
        tc.optim_step(types.AdamParams(learning_rate=1e-1)).result()
    assert sc.sample(prompt, 1, greedy).result().sequences[0].tokens == first.tokens


def test_shuffled_batches_have_no_duplicates() -> None:
    pool = [f"edit{i}" for i in range(20)]
    deck = Shuffled(pool, random.Random(0))
    seen: list[str] = []
    for _ in range(5):
        batch = deck.take(8)
        assert len(set(batch)) == 8
        seen += batch
    assert set(seen[:40]) == set(pool)  # two full passes in the first 40 draws
    small = Shuffled(pool[:3], random.Random(1)).take(7)
    assert sorted(small[:3]) == sorted(pool[:3]) and len(small) == 7
    with pytest.raises(ValueError, match="empty"):
        Shuffled([], random.Random(0))
