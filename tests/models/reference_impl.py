"""The previous (HF ``DynamicCache``) sampling loop and training forward, kept verbatim as a
test-only reference.

Why keep it: the fast engine in `selftaught.models.engine` must give the same greedy
tokens, the same seeded samples and the same logprobs as this implementation did before
the engine replaced it; the equivalence tests run both on the tiny model. Do not
"improve" this file: its value is that it is the old code.
"""
from __future__ import annotations

import secrets
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch
from tinker import types

DEFAULT_MAX_TOKENS = 256
"""``max_tokens`` used when ``SamplingParams.max_tokens`` is None."""
KV_TOKEN_BUDGET = 32_768
"""Rows x (prompt + max_tokens) per decode batch; bounds KV-cache memory."""


class SamplingInterrupted(RuntimeError):
    """Sampling was abandoned mid-decode (the process is exiting)."""


@dataclass
class SampleRequest:
    """One ``sample`` call: a prompt, how many samples, and how to draw them."""

    prompt_T: list[int]
    num_samples: int
    params: types.SamplingParams
    include_prompt_logprobs: bool = False


@dataclass
class _Row:
    """One sample being decoded."""

    request: int
    generator: torch.Generator
    max_tokens: int
    stop_ids: frozenset[int]
    stop_strings: tuple[str, ...]
    tokens_T: list[int] = field(default_factory=list)
    logprobs_T: list[float] = field(default_factory=list)
    stop_reason: types.StopReason | None = None


def validate_params(params: types.SamplingParams) -> None:
    """Raise ValueError naming the bad field of a ``SamplingParams``."""
    if params.temperature < 0:
        raise ValueError(f"SamplingParams.temperature must be >= 0, got {params.temperature}")
    if not 0 < params.top_p <= 1:
        raise ValueError(f"SamplingParams.top_p must be in (0, 1], got {params.top_p}")
    if params.top_k == 0 or params.top_k < -1:
        raise ValueError(f"SamplingParams.top_k must be -1 (no limit) or >= 1, got {params.top_k}")
    if params.max_tokens is not None and params.max_tokens < 1:
        raise ValueError(f"SamplingParams.max_tokens must be >= 1, got {params.max_tokens}")


def _stops(
    params: types.SamplingParams, eos_ids: Sequence[int]
) -> tuple[frozenset[int], tuple[str, ...]]:
    stop = params.stop
    if stop is None:
        return frozenset(eos_ids), ()
    if isinstance(stop, str):
        return frozenset(eos_ids), (stop,)
    items = list(stop)
    if not items:
        return frozenset(), ()
    ids = {int(s) for s in items if isinstance(s, int)}
    strings = tuple(s for s in items if isinstance(s, str) and s)
    return frozenset(ids | set(eos_ids)), strings


def _left_pad(
    prompts: Sequence[Sequence[int]], pad_id: int, device: torch.device
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Left-padded input ids, attention mask and position ids (counting real tokens only)."""
    width = max(len(p) for p in prompts)
    ids = torch.full((len(prompts), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(prompts), width), dtype=torch.long)
    for i, p in enumerate(prompts):
        if p:
            ids[i, width - len(p) :] = torch.tensor(list(p), dtype=torch.long)
            mask[i, width - len(p) :] = 1
    positions = (mask.cumsum(-1) - 1).clamp(min=0)
    return ids.to(device), mask.to(device), positions.to(device)


@torch.inference_mode()
def score_tokens(
    model: Any, prompts: Sequence[Sequence[int]], pad_id: int, device: torch.device
) -> list[np.ndarray]:
    """Logprob of every token given its prefix, per prompt; NaN at position 0.

    One left-padded forward pass for all prompts.
    """
    if any(len(p) == 0 for p in prompts):
        raise ValueError("cannot score an empty prompt")
    ids, mask, positions = _left_pad(prompts, pad_id, device)
    logits = model(input_ids=ids, attention_mask=mask, position_ids=positions).logits.float()
    logprobs = torch.log_softmax(logits[:, :-1], dim=-1)
    picked = logprobs.gather(-1, ids[:, 1:].unsqueeze(-1)).squeeze(-1).cpu().numpy()
    width = ids.shape[1]
    out = []
    for i, p in enumerate(prompts):
        row = np.full(len(p), np.nan, dtype=np.float32)
        if len(p) > 1:
            row[1:] = picked[i, width - len(p) :]
        out.append(row)
    return out


def _sample_next(
    logits: torch.Tensor, rows: list[_Row], params_B: list[types.SamplingParams]
) -> torch.Tensor:
    """Draw one token per row from ``logits`` [B, V] under each row's parameters."""
    vocab = logits.shape[-1]
    temps = torch.tensor(
        [p.temperature for p in params_B], dtype=logits.dtype, device=logits.device
    )
    greedy = temps == 0
    chosen = logits.argmax(-1)
    if bool(greedy.all()):
        return chosen
    u = torch.stack([torch.rand((), generator=r.generator) for r in rows]).to(logits.device)
    scaled = logits / torch.where(greedy, torch.ones_like(temps), temps).unsqueeze(-1)
    needs_trunc = any(p.top_k != -1 or p.top_p < 1 for p in params_B)
    if needs_trunc:
        sorted_logits, sorted_idx = scaled.sort(dim=-1, descending=True)
        top_k = torch.tensor(
            [p.top_k if p.top_k > 0 else vocab for p in params_B], device=logits.device
        )
        ranks = torch.arange(vocab, device=logits.device).unsqueeze(0)
        drop = ranks >= top_k.unsqueeze(-1)
        probs = torch.softmax(sorted_logits.masked_fill(drop, float("-inf")), dim=-1)
        top_p = torch.tensor([p.top_p for p in params_B], dtype=probs.dtype, device=logits.device)
        drop |= (probs.cumsum(-1) - probs) >= top_p.unsqueeze(-1)
        drop[:, 0] = False  # the most likely token always stays
        probs = torch.softmax(sorted_logits.masked_fill(drop, float("-inf")), dim=-1)
    else:
        probs = torch.softmax(scaled, dim=-1)
        sorted_idx = None
    cdf = probs.cumsum(-1)
    pick = torch.searchsorted(cdf, (u * cdf[:, -1]).unsqueeze(-1).contiguous()).squeeze(-1)
    pick = pick.clamp(max=vocab - 1)
    sampled = (
        sorted_idx.gather(-1, pick.unsqueeze(-1)).squeeze(-1) if sorted_idx is not None else pick
    )
    return torch.where(greedy, chosen, sampled)


def _hit_stop_string(row: _Row, tokenizer: Any) -> bool:
    if not row.stop_strings:
        return False
    longest = max(len(s) for s in row.stop_strings)
    tail = tokenizer.decode(row.tokens_T[-(longest + 2) :], skip_special_tokens=False)
    return any(s in tail for s in row.stop_strings)


@torch.inference_mode()
def generate(
    model: Any,
    tokenizer: Any,
    requests: Sequence[SampleRequest],
    eos_ids: Sequence[int],
    device: torch.device,
    kv_token_budget: int = KV_TOKEN_BUDGET,
    should_stop: Callable[[], bool] = lambda: False,
) -> list[types.SampleResponse]:
    """Sample every request; one `types.SampleResponse` per request, in order.

    Requests are packed into as few decode batches as the KV budget allows.
    ``should_stop`` is polled every decode step; when it turns true, sampling is
    abandoned with `SamplingInterrupted` (e.g. the process is exiting).
    """
    for r in requests:
        validate_params(r.params)
        if not r.prompt_T:
            raise ValueError("cannot sample from an empty prompt")
        if r.num_samples < 1:
            raise ValueError(f"num_samples must be >= 1, got {r.num_samples}")
    max_positions = int(getattr(model.config, "max_position_embeddings", 1 << 30))
    rows: list[_Row] = []
    for i, r in enumerate(requests):
        seed = r.params.seed if r.params.seed is not None else secrets.randbits(63)
        gen = torch.Generator().manual_seed(int(seed))
        stop_ids, stop_strings = _stops(r.params, eos_ids)
        max_tokens = r.params.max_tokens or DEFAULT_MAX_TOKENS
        if len(r.prompt_T) + max_tokens > max_positions:
            max_tokens = max(1, max_positions - len(r.prompt_T))
        for _ in range(r.num_samples):
            rows.append(_Row(i, gen, max_tokens, stop_ids, stop_strings))

    # Pack rows (keeping each request's rows together) into batches within the KV budget.
    batches: list[list[int]] = [[]]
    cost = 0
    for k, row in enumerate(rows):
        need = len(requests[row.request].prompt_T) + row.max_tokens
        if batches[-1] and cost + need > kv_token_budget:
            batches.append([])
            cost = 0
        batches[-1].append(k)
        cost += need
    for batch in batches:
        _decode_batch(model, tokenizer, requests, [rows[k] for k in batch], device, should_stop)

    prompt_logprobs: dict[int, np.ndarray] = {}
    wanted = [i for i, r in enumerate(requests) if r.include_prompt_logprobs]
    if wanted:
        pad = int(tokenizer.pad_token_id)
        scored = score_tokens(model, [requests[i].prompt_T for i in wanted], pad, device)
        prompt_logprobs = dict(zip(wanted, scored, strict=True))

    responses = []
    for i in range(len(requests)):
        sequences = [
            types.SampledSequence(
                stop_reason=row.stop_reason or "length",
                sequence_id=uuid.uuid4().hex,
                tokens_np=np.asarray(row.tokens_T, dtype=np.int32),
                logprobs_np=np.asarray(row.logprobs_T, dtype=np.float32),
            )
            for row in rows
            if row.request == i
        ]
        responses.append(
            types.SampleResponse(sequences=sequences, prompt_logprobs_np=prompt_logprobs.get(i))
        )
    return responses


def _decode_batch(
    model: Any,
    tokenizer: Any,
    requests: Sequence[SampleRequest],
    rows: list[_Row],
    device: torch.device,
    should_stop: Callable[[], bool],
) -> None:
    """Prefill the distinct prompts of ``rows``, then decode until every row has stopped."""
    from transformers import DynamicCache

    pad_id = int(tokenizer.pad_token_id)
    distinct = sorted({row.request for row in rows})
    slot = {req: k for k, req in enumerate(distinct)}
    ids, mask, positions = _left_pad([requests[r].prompt_T for r in distinct], pad_id, device)
    cache = DynamicCache()
    out = model(
        input_ids=ids,
        attention_mask=mask,
        position_ids=positions,
        past_key_values=cache,
        use_cache=True,
        logits_to_keep=1,
    )
    expand = torch.tensor([slot[row.request] for row in rows], dtype=torch.long, device=device)
    cache = out.past_key_values
    cache.reorder_cache(expand)
    logits = out.logits[:, -1].float().index_select(0, expand)
    mask = mask.index_select(0, expand)
    next_pos = positions[:, -1].index_select(0, expand) + 1
    active = list(range(len(rows)))
    params_B = [requests[row.request].params for row in rows]

    while True:
        if should_stop():
            raise SamplingInterrupted("sampling abandoned: the model worker is shutting down")
        live = [rows[k] for k in active]
        tokens = _sample_next(logits, live, [params_B[k] for k in active])
        logprobs = torch.log_softmax(logits, dim=-1).gather(-1, tokens.unsqueeze(-1)).squeeze(-1)
        keep: list[int] = []
        for j, (token, logprob) in enumerate(zip(tokens.tolist(), logprobs.tolist(), strict=True)):
            row = live[j]
            row.tokens_T.append(int(token))
            row.logprobs_T.append(float(logprob))
            if token in row.stop_ids or _hit_stop_string(row, tokenizer):
                row.stop_reason = "stop"
            elif len(row.tokens_T) >= row.max_tokens:
                row.stop_reason = "length"
            else:
                keep.append(j)
        if not keep:
            return
        if len(keep) < len(active):
            sel = torch.tensor(keep, dtype=torch.long, device=device)
            cache.reorder_cache(sel)
            tokens, mask, next_pos = tokens[sel], mask[sel], next_pos[sel]
            active = [active[j] for j in keep]
        mask = torch.cat(
            [mask, torch.ones((len(active), 1), dtype=mask.dtype, device=device)], dim=1
        )
        out = model(
            input_ids=tokens.unsqueeze(-1),
            attention_mask=mask,
            position_ids=next_pos.unsqueeze(-1),
            past_key_values=cache,
            use_cache=True,
        )
        logits = out.logits[:, -1].float()
        next_pos = next_pos + 1


def target_logprobs(model: Any, pad: int, device: torch.device,
                    batch: Sequence[tuple[list[int], list[int]]]) -> list[torch.Tensor]:
    """The previous ``ModelHost.target_logprobs``: full-vocabulary logits at every position."""
    width = max(len(tokens) for tokens, _ in batch)
    ids = torch.full((len(batch), width), pad, dtype=torch.long)
    targets = torch.zeros((len(batch), width), dtype=torch.long)
    for i, (tokens, target) in enumerate(batch):
        ids[i, : len(tokens)] = torch.tensor(tokens, dtype=torch.long)
        targets[i, : len(target)] = torch.tensor(target, dtype=torch.long)
    logits = model(input_ids=ids.to(device)).logits.float()
    neg = torch.nn.functional.cross_entropy(
        logits.reshape(-1, logits.shape[-1]), targets.to(device).reshape(-1), reduction="none"
    ).reshape(len(batch), width)
    return [-neg[i, : len(tokens)] for i, (tokens, _) in enumerate(batch)]
