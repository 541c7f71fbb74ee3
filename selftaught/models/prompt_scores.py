"""The SDK's extra logprob outputs of ``sample``: top-k, target-token and alternative draws.

Why a separate pass: these options (``topk_prompt_logprobs``, ``topk_sample_logprobs``,
``target_prompt_logprobs``, ``prompt_alt_tokens_k``, ``prompt_logprobs_last_n``) need the
model's whole next-token distribution at each position, which the batched decoder
does not keep. One extra forward over ``prompt + sampled tokens`` gives exactly those
distributions (the same model, the same weights, so the numbers agree with the
decoder's own logprobs), and the requested views are cut from it here.

Positions follow the SDK: prompt entries are indexed by prompt token, entry 0 has no
context (NaN / None / the mask sentinel), so the distribution *for* token ``i`` is
the model's output at position ``i - 1``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np
import torch
from tinker import types
from tinker.types.prompt_alt_tokens import PromptAltTokens
from tinker.types.topk_logprobs import MASK_LOGPROB, TopkLogprobs

from selftaught.models.host import ModelHost


@dataclass(frozen=True)
class PromptOptions:
    """The logprob options of one ``sample`` call (the SDK's argument names)."""

    include_prompt_logprobs: bool = False
    topk_prompt_logprobs: int = 0
    topk_sample_logprobs: int = 0
    target_prompt_logprobs: types.TensorData | None = None
    prompt_alt_tokens_k: int = 0
    prompt_logprobs_last_n: int | None = None
    temperature: float = 1.0
    seed: int | None = None

    def validate(self, prompt_length: int) -> None:
        """Raise ``ValueError`` naming the argument for an out-of-range option."""
        for name in ("topk_prompt_logprobs", "topk_sample_logprobs", "prompt_alt_tokens_k"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must be >= 0, got {getattr(self, name)}")
        last_n = self.prompt_logprobs_last_n
        if last_n is not None and not 1 <= last_n <= prompt_length - 1:
            raise ValueError(f"prompt_logprobs_last_n must be in [1, {prompt_length - 1}]")
        if self.target_prompt_logprobs is not None:
            shape = self.target_prompt_logprobs.to_numpy().shape
            if len(shape) != 2 or shape[0] != prompt_length:
                raise ValueError(
                    f"target_prompt_logprobs: shape {shape}, expected [prompt length "
                    f"{prompt_length}, K] of token ids (-1 for none)"
                )

    @property
    def needs_extra_pass(self) -> bool:
        """True when the decoder's own outputs are not enough."""
        return bool(
            self.topk_prompt_logprobs
            or self.topk_sample_logprobs
            or self.target_prompt_logprobs is not None
            or self.prompt_alt_tokens_k
            or (self.include_prompt_logprobs and self.prompt_logprobs_last_n is not None)
        )


def _distributions(host: ModelHost, adapter: str | None, tokens: list[int]) -> torch.Tensor:
    """``[len(tokens), V]`` log-distributions; row ``i`` is the one for token ``i`` (0: NaN)."""
    with torch.no_grad():  # the engine's forward on Llama models: snapshots are LoRA tensors
        logits = host.sequence_logits(adapter, tokens)
    logp = torch.log_softmax(logits, -1).cpu()
    first = torch.full((1, logp.shape[-1]), float("nan"))
    return torch.cat([first, logp[:-1]], 0)


def _topk(rows: torch.Tensor, k: int, keep_from: int) -> TopkLogprobs:
    values, ids = torch.topk(torch.nan_to_num(rows, nan=-torch.inf), k, dim=-1)
    token_ids = ids.numpy().astype(np.int32)
    logprobs = values.numpy().astype(np.float32)
    token_ids[:keep_from] = 0
    logprobs[:keep_from] = MASK_LOGPROB
    return TopkLogprobs(token_ids=token_ids, logprobs=logprobs)


def add_extras(
    host: ModelHost,
    adapter: str | None,
    prompt: list[int],
    response: types.SampleResponse,
    options: PromptOptions,
) -> types.SampleResponse:
    """``response`` with the requested extra logprob fields filled in."""
    n = len(prompt)
    keep_from = 1 if options.prompt_logprobs_last_n is None else n - options.prompt_logprobs_last_n
    prompt_rows = _distributions(host, adapter, prompt)
    changes: dict[str, object] = {}
    if options.include_prompt_logprobs:
        chosen = prompt_rows.gather(-1, torch.tensor(prompt)[:, None]).squeeze(-1).numpy()
        chosen = chosen.astype(np.float32)
        chosen[:keep_from] = np.nan
        changes["prompt_logprobs_np"] = chosen
    if options.topk_prompt_logprobs:
        changes["topk_prompt_logprobs_np"] = _topk(
            prompt_rows, options.topk_prompt_logprobs, keep_from
        )
    if options.target_prompt_logprobs is not None:
        wanted = torch.as_tensor(options.target_prompt_logprobs.to_numpy(), dtype=torch.long)
        got = torch.nan_to_num(prompt_rows, nan=0.0).gather(-1, wanted.clamp(min=0))
        got = torch.where(wanted < 0, torch.zeros_like(got), got).to(torch.float32)
        changes["target_prompt_logprobs"] = types.TensorData.from_torch(got)
    if options.prompt_alt_tokens_k:
        generator = torch.Generator().manual_seed(options.seed if options.seed is not None else 0)
        rows = prompt_rows[1:]
        temp = max(options.temperature, 1e-6)
        probs = torch.softmax(rows / temp, -1)
        draws = torch.multinomial(
            probs, options.prompt_alt_tokens_k, replacement=True, generator=generator
        )
        changes["prompt_alt_tokens"] = PromptAltTokens(
            tokens=types.TensorData.from_torch(draws.to(torch.int64)),
            logprobs=types.TensorData.from_torch(rows.gather(-1, draws).to(torch.float32)),
        )
    if options.topk_sample_logprobs:
        sequences = []
        for seq in response.sequences:
            sampled = list(seq.tokens)
            if not sampled:
                sequences.append(seq)
                continue
            rows = _distributions(host, adapter, prompt + sampled)[n:]
            sequences.append(
                dataclasses.replace(
                    seq, topk_logprobs_np=_topk(rows, options.topk_sample_logprobs, 0)
                )
            )
        changes["sequences"] = sequences
    return dataclasses.replace(response, **changes)  # type: ignore[arg-type]
