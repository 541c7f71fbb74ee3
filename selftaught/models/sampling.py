"""Fast batched sampling over a causal LM: our own decode loop.

Why not ``model.generate``: we need, in one batched call, many prompts x many
samples each with its *own* sampling parameters, seed, stop strings and stop
tokens, per-token logprobs of the sampled tokens, and Tinker's stop reasons.
The loop is short enough to read top to bottom:

1. Deduplicate prompts and prefill each distinct prompt once, LEFT padded
   (position ids count real tokens only, so padding never shifts RoPE), then
   give each of its ``num_samples`` rows a copy of its KV cache.
2. Decode one token per live row per step; each row draws from its request's
   own ``torch.Generator`` (`selftaught.models.draw`: top-k/top-p without a full
   sort). Seeded requests give the same tokens whatever else shares the batch,
   up to float rounding.
3. Rows that stop (stop token, stop string, ``max_tokens``) leave the batch.

The forward pass is a *decoder*: for Llama-family models the static-cache engine
(`selftaught.models.engine.EngineDecoder`: preallocated KV cache, in-place mask,
finished rows dropped without copying the cache, LoRA factors passed as tensors);
for any other architecture `HFDecoder`, the Hugging Face model with a
``DynamicCache``.

Logprobs are those of the model's raw next-token distribution (temperature 1,
no top-k/top-p truncation), so they equal `score_tokens` / ``compute_logprobs``
and the training client's ``forward`` on the same weights — an on-policy
importance ratio is exactly 1 at any sampling temperature. They are computed
only for requests with ``SampleRequest.logprobs`` (the default); others get
``logprobs=None``.

Stop semantics (``SamplingParams.stop``): ``None`` stops at the model's EOS ids;
a non-empty list of token ids or strings stops at any of them *and* at EOS;
``[]`` disables all stopping (including EOS) until ``max_tokens``. The token that
completes a stop (a stop token, or the token finishing a stop string) is kept
in the returned tokens, so returned tokens and logprobs always align.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np
import torch
from tinker import types

from selftaught.models import engine as fast
from selftaught.models.draw import draw, token_logprobs

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
    logprobs: bool = True
    """Return the sampled tokens' logprobs (False: skip computing them; ``logprobs`` None)."""


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


class Decoder(Protocol):
    """The forward pass of one decode batch: prefill the prompts, then one token per step."""

    def prefill(self, ids: torch.Tensor, mask: torch.Tensor, positions: torch.Tensor,
                expand: torch.Tensor, max_new: int) -> torch.Tensor:
        """Prefill left-padded distinct prompts; next-token logits [rows, V] (float32) of
        every row, row ``k`` being a sample of distinct prompt ``expand[k]``."""
        ...

    def step(self, live_rows: Sequence[int], tokens: torch.Tensor) -> torch.Tensor:
        """Feed one token per live row (``live_rows``: row numbers, increasing); their
        next-token logits [len(live_rows), V] (float32)."""
        ...


class HFDecoder:
    """A Hugging Face causal LM with a ``DynamicCache`` (any architecture).

    Finished rows are removed from the cache (``reorder_cache``) when they stop.
    """

    def __init__(self, model: Any) -> None:
        self.model = model
        self.cache: Any = None
        self.rows: list[int] = []
        self.mask = torch.zeros(0)
        self.next_pos = torch.zeros(0)

    def prefill(self, ids: torch.Tensor, mask: torch.Tensor, positions: torch.Tensor,
                expand: torch.Tensor, max_new: int) -> torch.Tensor:
        from transformers import DynamicCache

        del max_new
        out = self.model(input_ids=ids, attention_mask=mask, position_ids=positions,
                         past_key_values=DynamicCache(), use_cache=True, logits_to_keep=1)
        self.cache = out.past_key_values
        self.cache.reorder_cache(expand)
        self.rows = list(range(int(expand.shape[0])))
        self.mask = mask.index_select(0, expand)
        self.next_pos = positions[:, -1].index_select(0, expand) + 1
        logits: torch.Tensor = out.logits[:, -1].float().index_select(0, expand)
        return logits

    def step(self, live_rows: Sequence[int], tokens: torch.Tensor) -> torch.Tensor:
        device = tokens.device
        if list(live_rows) != self.rows:
            where = {r: k for k, r in enumerate(self.rows)}
            sel = torch.tensor([where[r] for r in live_rows], dtype=torch.long, device=device)
            self.cache.reorder_cache(sel)
            self.mask, self.next_pos = self.mask[sel], self.next_pos[sel]
            self.rows = list(live_rows)
        self.mask = torch.cat(
            [self.mask, torch.ones((len(self.rows), 1), dtype=self.mask.dtype, device=device)],
            dim=1,
        )
        out = self.model(input_ids=tokens.unsqueeze(-1), attention_mask=self.mask,
                         position_ids=self.next_pos.unsqueeze(-1), past_key_values=self.cache,
                         use_cache=True)
        self.next_pos = self.next_pos + 1
        logits: torch.Tensor = out.logits[:, -1].float()
        return logits


def make_decoder(model: Any, lora: fast.LoraWeights | None = None) -> Decoder:
    """The engine decoder where the architecture allows, else the Hugging Face one.

    ``lora``: LoRA factors for the engine. With the HF decoder the model itself must
    already have the adapter active (PEFT), and ``lora`` must be None.
    """
    base = _unwrap(model)
    if fast.supports(base):
        return fast.EngineDecoder(fast.LlamaEngine(base, lora))
    if lora:
        raise ValueError(f"LoRA tensors need the engine; {type(base).__name__} is not supported")
    return HFDecoder(model)


def _unwrap(model: Any) -> Any:
    """The transformers model inside a PEFT wrapper (PEFT injects its layers in place)."""
    get_base = getattr(model, "get_base_model", None)
    return get_base() if callable(get_base) else model


@torch.inference_mode()
def sequence_logits(
    model: Any, tokens: Sequence[int], device: torch.device,
    lora: fast.LoraWeights | None = None,
) -> torch.Tensor:
    """``[len(tokens), V]`` float logits of one sequence: the engine's for Llama models (with
    ``lora`` factors if given, e.g. a sampling snapshot), else the model's own forward."""
    ids, mask, positions = _left_pad([tokens], 0, device)
    base = _unwrap(model)
    if fast.supports(base):
        engine = fast.LlamaEngine(base, lora)
        return engine.logits(engine.hidden(ids, positions, mask.bool()))[0].float()
    if lora:
        raise ValueError("LoRA tensors need the engine (a Llama-family model)")
    return model(input_ids=ids, attention_mask=mask, position_ids=positions).logits[0].float()


def score_tokens(
    model: Any, prompts: Sequence[Sequence[int]], pad_id: int, device: torch.device,
    lora: fast.LoraWeights | None = None,
) -> list[np.ndarray]:
    """Logprob of every token given its prefix, per prompt; NaN at position 0.

    One left-padded forward pass for all prompts (the engine's for Llama models,
    with ``lora`` factors if given; else the model's own, adapter as active in PEFT).
    """
    if any(len(p) == 0 for p in prompts):
        raise ValueError("cannot score an empty prompt")
    ids, mask, positions = _left_pad(prompts, pad_id, device)
    base = _unwrap(model)
    if fast.supports(base):
        engine = fast.LlamaEngine(base, lora)
        logits = engine.logits(engine.hidden(ids, positions, mask.bool()))
    else:
        if lora:
            raise ValueError("LoRA tensors need the engine (a Llama-family model)")
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
    lora: fast.LoraWeights | None = None,
    decoder: Callable[[], Decoder] | None = None,
) -> list[types.SampleResponse]:
    """Sample every request; one `types.SampleResponse` per request, in order.

    Requests are packed into as few decode batches as the KV budget allows.
    ``should_stop`` is polled every decode step; when it turns true, sampling is
    abandoned with `SamplingInterrupted` (e.g. the process is exiting).
    ``lora``: LoRA factors applied by the engine (see `make_decoder`); ``decoder``
    overrides the decoder choice (e.g. ``lambda: HFDecoder(model)``).
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
    make = decoder or (lambda: make_decoder(model, lora))
    for batch in batches:
        _decode_batch(make(), tokenizer, requests, [rows[k] for k in batch], device, should_stop)

    prompt_logprobs: dict[int, np.ndarray] = {}
    wanted = [i for i, r in enumerate(requests) if r.include_prompt_logprobs]
    if wanted:
        pad = int(tokenizer.pad_token_id)
        scored = score_tokens(model, [requests[i].prompt_T for i in wanted], pad, device, lora)
        prompt_logprobs = dict(zip(wanted, scored, strict=True))

    responses = []
    for i, request in enumerate(requests):
        sequences = [
            types.SampledSequence(
                stop_reason=row.stop_reason or "length",
                sequence_id=uuid.uuid4().hex,
                tokens_np=np.asarray(row.tokens_T, dtype=np.int32),
                logprobs_np=np.asarray(row.logprobs_T, dtype=np.float32)
                if request.logprobs else None,
            )
            for row in rows
            if row.request == i
        ]
        responses.append(
            types.SampleResponse(sequences=sequences, prompt_logprobs_np=prompt_logprobs.get(i))
        )
    return responses


def _decode_batch(
    decoder: Decoder,
    tokenizer: Any,
    requests: Sequence[SampleRequest],
    rows: list[_Row],
    device: torch.device,
    should_stop: Callable[[], bool],
) -> None:
    """Prefill the distinct prompts of ``rows``, then decode until every row has stopped."""
    pad_id = int(tokenizer.pad_token_id)
    distinct = sorted({row.request for row in rows})
    slot = {req: k for k, req in enumerate(distinct)}
    ids, mask, positions = _left_pad([requests[r].prompt_T for r in distinct], pad_id, device)
    expand = torch.tensor([slot[row.request] for row in rows], dtype=torch.long, device=device)
    logits = decoder.prefill(ids, mask, positions, expand, max(row.max_tokens for row in rows))
    params_R = [requests[row.request].params for row in rows]
    wants_R = [requests[row.request].logprobs for row in rows]
    active = list(range(len(rows)))

    while True:
        if should_stop():
            raise SamplingInterrupted("sampling abandoned: the model worker is shutting down")
        params = [params_R[k] for k in active]
        tokens = draw(logits, [rows[k].generator for k in active],
                      [p.temperature for p in params], [p.top_k for p in params],
                      [p.top_p for p in params])
        token_list = tokens.tolist()
        logprob_list: list[float] = []
        if any(wants_R[k] for k in active):
            logprob_list = token_logprobs(logits, tokens).tolist()
        keep: list[int] = []
        for j, token in enumerate(token_list):
            row = rows[active[j]]
            row.tokens_T.append(int(token))
            if logprob_list:
                row.logprobs_T.append(float(logprob_list[j]))
            if token in row.stop_ids or _hit_stop_string(row, tokenizer):
                row.stop_reason = "stop"
            elif len(row.tokens_T) >= row.max_tokens:
                row.stop_reason = "length"
            else:
                keep.append(j)
        if not keep:
            return
        if len(keep) < len(active):
            tokens = tokens[torch.tensor(keep, dtype=torch.long, device=device)]
            active = [active[j] for j in keep]
        logits = decoder.step(active, tokens)
