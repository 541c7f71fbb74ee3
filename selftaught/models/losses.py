"""Tinker's built-in losses, on per-datum target logprobs.

Why here and pure: the loss semantics are the contract that lets learner code
move between the local backend and the Tinker service, so they are written
once, exactly as Tinker documents them, and tested against hand-written
formulas. All losses are next-token aligned (``target_tokens[i]`` is predicted
at ``model_input`` position ``i``) and SUMMED over tokens (never averaged):

* ``cross_entropy``: ``-(logprobs * weights).sum()``; weights default to 1.
* ``importance_sampling``: ``-(exp(logprobs - sampling_logprobs) * advantages).sum()``.
* ``ppo``: ``-min(ratio * adv, clip(ratio, low, high) * adv).sum()`` with thresholds
  ``clip_low_threshold`` / ``clip_high_threshold`` (default 0.8 / 1.2, i.e. eps 0.2),
  from ``loss_fn_config`` or per-token ``loss_fn_inputs``.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import torch

SUPPORTED_LOSSES: tuple[str, ...] = ("cross_entropy", "importance_sampling", "ppo")

_INPUTS: dict[str, tuple[set[str], set[str]]] = {
    # loss -> (required keys besides target_tokens, optional keys)
    "cross_entropy": (set(), {"weights"}),
    "importance_sampling": ({"logprobs", "advantages"}, set()),
    "ppo": ({"logprobs", "advantages"}, {"clip_low_threshold", "clip_high_threshold"}),
}


def check_loss_inputs(loss_fn: str, keys: set[str], datum_index: int) -> None:
    """Raise ValueError if ``loss_fn`` is unknown or a datum's input keys don't fit it."""
    if loss_fn not in _INPUTS:
        raise ValueError(
            f"loss_fn {loss_fn!r} is not supported by the local backend "
            f"(supported: {', '.join(SUPPORTED_LOSSES)}; or use forward_backward_custom)"
        )
    required, optional = _INPUTS[loss_fn]
    keys = keys - {"target_tokens"}
    missing = required - keys
    if missing:
        raise ValueError(
            f"data[{datum_index}].loss_fn_inputs: {loss_fn} needs {sorted(missing)} "
            f"(has {sorted(keys)})"
        )
    unknown = keys - required - optional
    if unknown:
        raise ValueError(
            f"data[{datum_index}].loss_fn_inputs: {sorted(unknown)} not used by {loss_fn} "
            f"(expected {sorted(required | optional)}); remove them"
        )


def datum_loss(
    loss_fn: str,
    logprobs_T: torch.Tensor,
    inputs: Mapping[str, torch.Tensor],
    config: Mapping[str, float | str] | None = None,
) -> torch.Tensor:
    """The loss of one datum (a scalar), from its target logprobs ``logprobs_T`` [T]."""
    if loss_fn == "cross_entropy":
        weights_T = inputs.get("weights")
        if weights_T is None:
            return -logprobs_T.sum()
        return -(logprobs_T * weights_T).sum()
    if loss_fn in ("importance_sampling", "ppo"):
        ratio_T = torch.exp(logprobs_T - inputs["logprobs"])
        advantages_T = inputs["advantages"]
        if loss_fn == "importance_sampling":
            return -(ratio_T * advantages_T).sum()
        cfg = config or {}
        low = inputs.get(
            "clip_low_threshold", torch.tensor(float(cfg.get("clip_low_threshold", 0.8)))
        )
        high = inputs.get(
            "clip_high_threshold", torch.tensor(float(cfg.get("clip_high_threshold", 1.2)))
        )
        clipped_T = torch.minimum(torch.maximum(ratio_T, low), high)
        return -torch.minimum(ratio_T * advantages_T, clipped_T * advantages_T).sum()
    raise ValueError(
        f"loss_fn {loss_fn!r} is not supported (supported: {', '.join(SUPPORTED_LOSSES)})"
    )


def loss_positions(loss_fn: str, inputs: Mapping[str, np.ndarray]) -> np.ndarray | None:
    """Tokens whose loss term (and gradient) can be nonzero; None when that is every token.

    Why: the training forward computes ``lm_head`` logits with gradients only at these
    tokens. Exactly zero terms are safe to skip: a zero ``weights`` entry
    (cross_entropy) or a zero ``advantages`` entry (importance_sampling, ppo) multiplies
    its token's ratio or logprob by 0 in both the loss and its gradient.
    """
    key = {"cross_entropy": "weights", "importance_sampling": "advantages",
           "ppo": "advantages"}.get(loss_fn)
    values = inputs.get(key) if key is not None else None
    if values is None:
        return None
    where: np.ndarray = np.asarray(values).reshape(-1) != 0
    if where.size and not where.any():
        # Every term is zero (e.g. an RL group whose rewards tie): keep one zero-weighted token
        # so the loss still has a graph and backward gives zero gradients, as the full forward
        # did (an optimizer step then sees zeros, not missing gradients).
        where[0] = True
    return None if bool(where.all()) else where
