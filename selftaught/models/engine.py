"""A decode engine for Llama-family models: static KV cache, in-place masks, LoRA as tensors.

Why our own forward instead of calling the Hugging Face model per step: on a CPU
the per-step cost at small batch is dominated by framework overhead and by copies
(``DynamicCache`` grows by ``torch.cat``, finished rows are removed by copying
the whole cache, the attention mask is re-concatenated and the 4-D mask rebuilt
every step). This engine runs the same math with the model's own weights and
helpers (its ``rotary_emb``, HF's ``apply_rotary_pos_emb``), on buffers
allocated once per decode batch:

* **Static KV cache**: per layer one ``[rows, kv_heads, max_len, head_dim]`` K and
  V buffer. Prompts are left padded, so every row writes its new token into the
  same column each step: a plain in-place slice copy.
* **In-place mask**: one ``[rows, max_len]`` bool buffer; each step flips one
  column. Attention reads ``[:, :, :col+1]`` views (no copy).
* **Per-row stopping without copying the cache**: a finished row leaves the
  *matmuls* (the hidden states of live rows are gathered, a few KiB), while the
  attention keeps running over all resident rows in place. Only when half the
  resident rows have finished is the cache compacted (live rows moved to the
  front), so a decode of B rows copies the cache at most log2(B) times, instead of
  once per finished row.
* **GQA without repeating K/V**: at decode, the query heads that share one K/V
  head are laid out as extra query positions of that head, so one batched matmul
  reads each K/V head once.
* **LoRA as tensors** (`LoraWeights`): ``y = x Wᵀ + s·(x Aᵀ) Bᵀ``, the same ops in the
  same order as PEFT's ``lora.Linear``, with the factors passed in. A sampling
  snapshot is then just a copy of the factors (milliseconds), not a new PEFT
  adapter on the model (0.3–0.9 s), and any number of snapshots share the base.

Scope: ``LlamaForCausalLM`` (``model_type == "llama"``: SmolLM2 and the tiny test
model). `supports` says whether a model qualifies; other architectures use the
generic Hugging Face loop in `selftaught.models.sampling`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import torch
import torch.nn.functional as F

PEFT_PREFIX = "base_model.model."
"""Prefix PEFT puts before the wrapped model's module names."""


@dataclass(frozen=True)
class LoraFactor:
    """One LoRA'd linear: ``delta(x) = scale · (x Aᵀ) Bᵀ``."""

    a: torch.Tensor
    """``[rank, in_features]``"""
    b: torch.Tensor
    """``[out_features, rank]``"""
    scale: float


LoraWeights = Mapping[str, LoraFactor]
"""LoRA factors by module name of the base model (``model.layers.0.self_attn.q_proj``,
``lm_head``)."""


def supports(model: Any) -> bool:
    """True if the engine can run ``model`` (a plain Llama causal LM, possibly PEFT-injected)."""
    config = getattr(model, "config", None)
    if config is None or getattr(config, "model_type", None) != "llama":
        return False
    if getattr(config, "pretraining_tp", 1) != 1 or getattr(config, "hidden_act", "") != "silu":
        return False
    return hasattr(model, "model") and hasattr(model.model, "layers")


def lora_weights(peft_model: Any, adapter: str, clone: bool) -> dict[str, LoraFactor]:
    """The LoRA factors of PEFT ``adapter``, keyed by base-model module name.

    ``clone=True`` copies them (a frozen snapshot); ``False`` shares the live tensors.
    """
    from peft.tuners.lora import LoraLayer

    out: dict[str, LoraFactor] = {}
    for name, module in peft_model.named_modules():
        if not isinstance(module, LoraLayer) or adapter not in module.lora_A:
            continue
        lora_a: Any = module.lora_A[adapter]
        lora_b: Any = module.lora_B[adapter]
        a, b = lora_a.weight.detach(), lora_b.weight.detach()
        if clone:
            a, b = a.clone(), b.clone()
        scaling: Any = module.scaling
        out[name.removeprefix(PEFT_PREFIX)] = LoraFactor(a, b, float(scaling[adapter]))
    return out


def _base_weights(module: Any) -> tuple[torch.Tensor, torch.Tensor | None]:
    """Weight and bias of a linear, looking through a PEFT wrapper (``base_layer``)."""
    base = getattr(module, "base_layer", module)
    return base.weight, base.bias


class _Linear:
    """A frozen linear plus an optional LoRA factor, applied like PEFT's ``lora.Linear``."""

    __slots__ = ("bias", "lora", "weight")

    def __init__(self, module: Any, lora: LoraFactor | None) -> None:
        self.weight, self.bias = _base_weights(module)
        self.lora = lora

    def __call__(self, x: torch.Tensor) -> torch.Tensor:
        y = F.linear(x, self.weight, self.bias)
        if self.lora is None:
            return y
        # y + s · (x Aᵀ) Bᵀ as one addmm (fewer ops per step; same value as PEFT's
        # separate matmul, scale and add, to float rounding).
        flat = x.reshape(-1, x.shape[-1])
        out = torch.addmm(y.reshape(-1, y.shape[-1]), F.linear(flat, self.lora.a),
                          self.lora.b.t(), alpha=self.lora.scale)
        return out.view(*x.shape[:-1], out.shape[-1])


class _Layer:
    __slots__ = ("down", "gate", "k", "ln1", "ln2", "o", "q", "up", "v")

    def __init__(self, layer: Any, prefix: str, lora: LoraWeights) -> None:
        attn, mlp = layer.self_attn, layer.mlp

        def lin(owner: Any, group: str, name: str) -> _Linear:
            return _Linear(getattr(owner, name), lora.get(f"{prefix}.{group}.{name}"))

        self.q, self.k = lin(attn, "self_attn", "q_proj"), lin(attn, "self_attn", "k_proj")
        self.v, self.o = lin(attn, "self_attn", "v_proj"), lin(attn, "self_attn", "o_proj")
        self.gate, self.up = lin(mlp, "mlp", "gate_proj"), lin(mlp, "mlp", "up_proj")
        self.down = lin(mlp, "mlp", "down_proj")
        self.ln1, self.ln2 = layer.input_layernorm, layer.post_attention_layernorm


class LlamaEngine:
    """The weights of one Llama model (plus optional LoRA), ready for `Decode` and `logits`."""

    def __init__(self, model: Any, lora: LoraWeights | None = None) -> None:
        lora = lora or {}
        body = model.model
        config = model.config
        self.embed = body.embed_tokens
        self.rotary = body.rotary_emb
        self.norm = body.norm
        self.layers = [_Layer(layer, f"model.layers.{i}", lora)
                       for i, layer in enumerate(body.layers[: config.num_hidden_layers])]
        self.head = _Linear(model.lm_head, lora.get("lm_head"))
        self.heads = int(config.num_attention_heads)
        self.kv_heads = int(config.num_key_value_heads)
        self.head_dim = int(getattr(config, "head_dim", None)
                            or config.hidden_size // config.num_attention_heads)
        self.scaling = self.head_dim**-0.5
        self.dtype = self.embed.weight.dtype
        self.device = self.embed.weight.device

    # ------------------------------------------------------------ full-sequence forward

    def hidden(
        self,
        ids: torch.Tensor,
        positions: torch.Tensor,
        key_mask: torch.Tensor,
        cache: Decode | None = None,
        rows: torch.Tensor | None = None,
    ) -> torch.Tensor:
        """Final hidden states ``[N, S, H]`` of left-padded ``ids`` ``[N, S]``.

        ``key_mask`` ``[N, S]`` marks real tokens. With ``cache``, the K/V of every
        position are written to columns ``[0, S)`` of cache rows ``rows`` (expanding
        each distinct prompt to its sample rows).
        """
        n, s = ids.shape
        x = self.embed(ids)
        cos, sin = self.rotary(x, positions)
        # Causal and padding mask; a padding query also sees itself, so no row of the
        # attention is empty (an empty row gives NaN, which would reach the real tokens
        # through the next layer's K/V at padded positions).
        causal = torch.ones((s, s), dtype=torch.bool, device=ids.device).tril()
        mask = (causal & key_mask[:, None, :]) | torch.eye(s, dtype=torch.bool, device=ids.device)
        mask = mask[:, None]
        groups = self.heads // self.kv_heads
        for index, layer in enumerate(self.layers):
            h = layer.ln1(x)
            q = layer.q(h).view(n, s, self.heads, self.head_dim).transpose(1, 2)
            k = layer.k(h).view(n, s, self.kv_heads, self.head_dim).transpose(1, 2)
            v = layer.v(h).view(n, s, self.kv_heads, self.head_dim).transpose(1, 2)
            q, k = _apply_rope(q, k, cos, sin)
            if cache is not None:
                cache.write_prompt(index, k, v, rows)
            if groups > 1:
                k = k.repeat_interleave(groups, dim=1)
                v = v.repeat_interleave(groups, dim=1)
            o = F.scaled_dot_product_attention(q, k, v, attn_mask=mask, scale=self.scaling)
            x = x + layer.o(o.transpose(1, 2).reshape(n, s, -1))
            x = x + layer.down(F.silu(layer.gate(h2 := layer.ln2(x))) * layer.up(h2))
        out: torch.Tensor = self.norm(x)
        return out

    def logits(self, hidden: torch.Tensor) -> torch.Tensor:
        """Float32 next-token logits of hidden states (LoRA'd ``lm_head`` if any)."""
        return self.head(hidden).float()

    # ------------------------------------------------------------ one decode step

    def step(self, cache: Decode, tokens: torch.Tensor, live: torch.Tensor | None
             ) -> torch.Tensor:
        """Logits ``[A, V]`` of the next token after ``tokens`` ``[A]`` (one per live row).

        ``live`` (resident-row indices of the live rows, or None when all resident
        rows are live) selects which cache rows receive the new K/V.
        """
        a = tokens.shape[0]
        col = cache.length
        cache.open_column(live)
        positions = cache.positions[: cache.rows] if live is None else cache.positions[live]
        x = self.embed(tokens[:, None])
        cos, sin = self.rotary(x, positions[:, None])
        groups = self.heads // self.kv_heads
        resident = cache.rows
        # Additive mask, built once per step. Attention is spelled out as two matmuls and
        # a softmax: for one query per row, CPU SDPA's per-call setup costs more than the
        # math (measured: ~38% of a batch-1 step).
        bias = torch.zeros(cache.mask[:resident, None, None, : col + 1].shape,
                           dtype=self.dtype, device=self.device).masked_fill_(
            ~cache.mask[:resident, None, None, : col + 1], float("-inf"))
        for index, layer in enumerate(self.layers):
            h = layer.ln1(x)
            q = layer.q(h).view(a, 1, self.heads, self.head_dim).transpose(1, 2)
            k = layer.k(h).view(a, 1, self.kv_heads, self.head_dim).transpose(1, 2)
            v = layer.v(h).view(a, 1, self.kv_heads, self.head_dim).transpose(1, 2)
            q, k = _apply_rope(q, k, cos, sin)
            keys, values = cache.write_step(index, k, v, live)
            # [A, heads, 1, d] -> [A, kv_heads, groups, d]: a group's query heads act as
            # `groups` query positions of their shared K/V head.
            q = q.reshape(a, self.kv_heads, groups, self.head_dim)
            if live is not None:
                q = q.new_zeros((resident, self.kv_heads, groups, self.head_dim)).index_copy_(
                    0, live, q)
            scores = torch.matmul(q, keys.transpose(-1, -2)).mul_(self.scaling).add_(bias)
            o = torch.matmul(torch.softmax(scores, dim=-1), values)
            if live is not None:
                o = o.index_select(0, live)
            x = x + layer.o(o.reshape(a, 1, self.heads * self.head_dim))
            x = x + layer.down(F.silu(layer.gate(h2 := layer.ln2(x))) * layer.up(h2))
        cache.advance(live)
        return self.logits(self.norm(x)[:, -1])


def _apply_rope(q: torch.Tensor, k: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor
                ) -> tuple[torch.Tensor, torch.Tensor]:
    from transformers.models.llama.modeling_llama import apply_rotary_pos_emb

    q, k = apply_rotary_pos_emb(q, k, cos, sin)
    return q, k


class Decode:
    """The static KV cache and mask of one decode batch (``rows`` resident rows).

    Column ``c`` of every row holds the token at left-padded position ``c``: the
    prompt occupies ``[0, prompt_width)``, generated token ``t`` column
    ``prompt_width + t``.
    """

    def __init__(self, engine: LlamaEngine, rows: int, prompt_width: int, max_new: int) -> None:
        self.capacity = prompt_width + max_new
        shape = (rows, engine.kv_heads, self.capacity, engine.head_dim)
        self.keys = [torch.empty(shape, dtype=engine.dtype, device=engine.device)
                     for _ in engine.layers]
        self.values = [torch.empty(shape, dtype=engine.dtype, device=engine.device)
                       for _ in engine.layers]
        self.mask = torch.zeros((rows, self.capacity), dtype=torch.bool, device=engine.device)
        self.positions = torch.zeros(rows, dtype=torch.long, device=engine.device)
        self.rows = rows
        self.length = prompt_width

    def start(self, prompt_mask: torch.Tensor, next_positions: torch.Tensor) -> None:
        """Set the prompt part of the mask ``[rows, prompt_width]`` and the next positions."""
        self.mask[:, : prompt_mask.shape[1]] = prompt_mask
        self.positions.copy_(next_positions)

    def write_prompt(self, layer: int, k: torch.Tensor, v: torch.Tensor,
                     rows: torch.Tensor | None) -> None:
        width = k.shape[2]
        if rows is not None:
            k, v = k.index_select(0, rows), v.index_select(0, rows)
        self.keys[layer][:, :, :width].copy_(k)
        self.values[layer][:, :, :width].copy_(v)

    def open_column(self, live: torch.Tensor | None) -> None:
        """Mark the next column as attendable for the live rows (before the step's attention)."""
        if self.length >= self.capacity:
            raise RuntimeError("decode ran past its preallocated KV cache")
        if live is None:
            self.mask[: self.rows, self.length] = True
        else:
            self.mask[:, self.length].index_fill_(0, live, True)

    def write_step(self, layer: int, k: torch.Tensor, v: torch.Tensor,
                   live: torch.Tensor | None) -> tuple[torch.Tensor, torch.Tensor]:
        """Write one column of K/V; return the resident K/V up to it (views, no copy)."""
        col = self.length
        keys, values = self.keys[layer], self.values[layer]
        if live is None:
            keys[: self.rows, :, col].copy_(k[:, :, 0])
            values[: self.rows, :, col].copy_(v[:, :, 0])
        else:
            keys[:, :, col].index_copy_(0, live, k[:, :, 0])
            values[:, :, col].index_copy_(0, live, v[:, :, 0])
        return keys[: self.rows, :, : col + 1], values[: self.rows, :, : col + 1]

    def advance(self, live: torch.Tensor | None) -> None:
        self.length += 1
        if live is None:
            self.positions[: self.rows] += 1
        else:
            self.positions.index_add_(0, live, torch.ones_like(live))

    def compact(self, keep: torch.Tensor) -> None:
        """Move resident rows ``keep`` (in order) to the front; the rest are dropped."""
        n = int(keep.shape[0])
        end = self.length
        for buffers in (self.keys, self.values):
            for buffer in buffers:
                buffer[:n, :, :end] = buffer[keep, :, :end]
        self.mask[:n] = self.mask[keep]
        self.positions[:n] = self.positions[keep]
        self.rows = n


class EngineDecoder:
    """The `selftaught.models.sampling` decoder protocol on a `LlamaEngine`.

    Tracks which resident cache row holds each live sample and compacts the cache
    when half of the resident rows have finished.
    """

    def __init__(self, engine: LlamaEngine) -> None:
        self.engine = engine
        self.cache: Decode | None = None
        self.slot: dict[int, int] = {}

    def prefill(self, ids: torch.Tensor, mask: torch.Tensor, positions: torch.Tensor,
                expand: torch.Tensor, max_new: int) -> torch.Tensor:
        rows = int(expand.shape[0])
        cache = Decode(self.engine, rows, ids.shape[1], max_new)
        hidden = self.engine.hidden(ids, positions, mask.bool(), cache, expand)
        cache.start(mask.bool().index_select(0, expand),
                    positions[:, -1].index_select(0, expand) + 1)
        self.cache = cache
        self.slot = {k: k for k in range(rows)}
        return self.engine.logits(hidden[:, -1]).index_select(0, expand)

    def step(self, live_rows: Sequence[int], tokens: torch.Tensor) -> torch.Tensor:
        cache = self.cache
        assert cache is not None, "prefill first"
        if len(live_rows) <= cache.rows // 2:
            keep = torch.tensor([self.slot[r] for r in live_rows], dtype=torch.long,
                                device=tokens.device)
            cache.compact(keep)
            self.slot = {r: k for k, r in enumerate(live_rows)}
        slots = [self.slot[r] for r in live_rows]
        live = (None if slots == list(range(cache.rows))
                else torch.tensor(slots, dtype=torch.long, device=tokens.device))
        return self.engine.step(cache, tokens, live)
