"""Choosing the next token: greedy, temperature, top-k and top-p, without a full-vocabulary sort.

Why not sort: the old sampler sorted all 49,152 logits of every row at every
step whenever top-k or top-p was set (learners sample with top-p 0.95). Here a
row's nucleus is found among its ``CANDIDATES`` most likely tokens
(``torch.topk``, a partial selection):

* Exactness: the top-p set is "the most likely tokens whose cumulative
  probability *before* them is below p" (plus always the first). It is a prefix
  of the descending order, so if that prefix ends inside the first K candidates
  it is exactly the same set as with a full sort; the probabilities that decide it
  are normalised over the *whole* vocabulary (a full ``logsumexp``), not over the
  K candidates. A row whose nucleus does not end inside the K candidates (a very
  flat distribution) falls back to the full sort for that row, so the
  distribution is always exactly the top-p distribution.
* The draw itself is the previous sampler's, operation for operation: one
  ``torch.rand`` per live row per step from its request's generator (in row
  order), inverse-CDF on the descending candidates with ``u · cdf[-1]``. Seeded
  samples are therefore the same tokens as before, except if a draw lands within
  float rounding (~1e-7) of a token boundary, because the normalising sums are
  added in a different order.

Rows without truncation (top-k -1, top-p 1) use the untruncated path exactly as
before. (The old sampler sent *every* row of a batch through the sorted path as
soon as one row was truncated; now each row takes its own path, so a batch mixing
truncated and untruncated requests matches the old samples in distribution, not
bit for bit.)

Logprobs are those of the raw model distribution (temperature 1, no
truncation), computed only for rows that asked for them: one reduction per row
and a gather, instead of a ``[rows, vocab]`` log-softmax.
"""

from __future__ import annotations

from collections.abc import Sequence

import torch

CANDIDATES = 256
"""Tokens kept by the top-k prefilter before the nucleus is cut (see the module doc)."""


def draw(
    logits: torch.Tensor,
    generators: Sequence[torch.Generator],
    temperatures: Sequence[float],
    top_ks: Sequence[int],
    top_ps: Sequence[float],
) -> torch.Tensor:
    """One token per row of ``logits`` [B, V] under each row's parameters."""
    temps = torch.tensor(temperatures, dtype=logits.dtype, device=logits.device)
    greedy = temps == 0
    chosen = logits.argmax(-1)
    if bool(greedy.all()):
        return chosen
    u = torch.stack([torch.rand((), generator=g) for g in generators]).to(logits.device)
    scaled = logits / torch.where(greedy, torch.ones_like(temps), temps).unsqueeze(-1)
    truncated = [k != -1 or p < 1 for k, p in zip(top_ks, top_ps, strict=True)]
    if all(truncated):  # the usual case: one parameter set for the whole batch
        sampled = _truncated(scaled, u, list(top_ks), list(top_ps))
        return torch.where(greedy, chosen, sampled)
    if not any(truncated):
        return torch.where(greedy, chosen, _untruncated(scaled, u))
    sampled = torch.empty_like(chosen)
    plain = [i for i, t in enumerate(truncated) if not t]
    if plain:
        index = torch.tensor(plain, device=logits.device)
        sampled[index] = _untruncated(scaled.index_select(0, index), u.index_select(0, index))
    cut = [i for i, t in enumerate(truncated) if t]
    if cut:
        index = torch.tensor(cut, device=logits.device)
        sampled[index] = _truncated(
            scaled.index_select(0, index), u.index_select(0, index),
            [top_ks[i] for i in cut], [top_ps[i] for i in cut],
        )
    return torch.where(greedy, chosen, sampled)


def _untruncated(scaled: torch.Tensor, u: torch.Tensor) -> torch.Tensor:
    probs = torch.softmax(scaled, dim=-1)
    return _inverse_cdf(probs, u).clamp(max=scaled.shape[-1] - 1)


def _inverse_cdf(probs: torch.Tensor, u: torch.Tensor) -> torch.Tensor:
    cdf = probs.cumsum(-1)
    return torch.searchsorted(cdf, (u * cdf[:, -1]).unsqueeze(-1).contiguous()).squeeze(-1)


def _truncated(scaled: torch.Tensor, u: torch.Tensor, top_ks: list[int], top_ps: list[float]
               ) -> torch.Tensor:
    """Top-k / top-p rows: the nucleus among the top candidates, full sort where it is not."""
    vocab = scaled.shape[-1]
    width = min(vocab, max([CANDIDATES] + [k for k in top_ks if k > 0]))
    ks = torch.tensor([k if k > 0 else vocab for k in top_ks], device=scaled.device)
    ps = torch.tensor(top_ps, dtype=scaled.dtype, device=scaled.device)
    values, index = scaled.topk(width, dim=-1)
    ranks = torch.arange(width, device=scaled.device).unsqueeze(0)
    drop = ranks >= ks.unsqueeze(-1)
    # Probabilities normalised over every token the top-k step keeps: the whole
    # vocabulary when top-k is off, else only the k candidates.
    full = ks >= vocab
    norm = torch.where(full, torch.logsumexp(scaled, dim=-1),
                       torch.logsumexp(values.masked_fill(drop, float("-inf")), dim=-1))
    probs = torch.exp(values.masked_fill(drop, float("-inf")) - norm.unsqueeze(-1))
    drop |= (probs.cumsum(-1) - probs) >= ps.unsqueeze(-1)
    drop[:, 0] = False  # the most likely token always stays
    # The nucleus provably ends inside the candidates if some candidate is dropped
    # (everything after a dropped one is dropped too) or all of top-k fits.
    exact = drop.any(-1) | (ks <= width)
    picked = torch.softmax(values.masked_fill(drop, float("-inf")), dim=-1)
    out = index.gather(-1, _inverse_cdf(picked, u).clamp(max=width - 1).unsqueeze(-1)).squeeze(-1)
    if not bool(exact.all()):
        rest = (~exact).nonzero().squeeze(-1)
        out[rest] = _sorted(scaled[rest], u[rest], ks[rest], ps[rest])
    return out


def _sorted(scaled: torch.Tensor, u: torch.Tensor, ks: torch.Tensor, ps: torch.Tensor
            ) -> torch.Tensor:
    """The full-sort top-k / top-p draw (the previous sampler's algorithm)."""
    vocab = scaled.shape[-1]
    sorted_logits, sorted_idx = scaled.sort(dim=-1, descending=True)
    ranks = torch.arange(vocab, device=scaled.device).unsqueeze(0)
    drop = ranks >= ks.unsqueeze(-1)
    probs = torch.softmax(sorted_logits.masked_fill(drop, float("-inf")), dim=-1)
    drop |= (probs.cumsum(-1) - probs) >= ps.unsqueeze(-1)
    drop[:, 0] = False
    probs = torch.softmax(sorted_logits.masked_fill(drop, float("-inf")), dim=-1)
    pick = _inverse_cdf(probs, u).clamp(max=vocab - 1)
    return sorted_idx.gather(-1, pick.unsqueeze(-1)).squeeze(-1)


def token_logprobs(logits: torch.Tensor, tokens: torch.Tensor) -> torch.Tensor:
    """``log_softmax(logits)[tokens]`` per row, without a ``[B, V]`` log-softmax tensor."""
    top = logits.amax(-1, keepdim=True)
    log_norm = (logits - top).exp().sum(-1).log()
    return (logits.gather(-1, tokens.unsqueeze(-1)) - top).squeeze(-1) - log_norm
