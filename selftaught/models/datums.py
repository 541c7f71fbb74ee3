"""Building `tinker.types.Datum`s: the next-token shift, done once, correctly.

Why: Tinker losses are next-token aligned (position ``i`` of ``model_input``
predicts token ``i + 1`` of the full sequence) and summed over tokens. Every
learner builds supervised and RL data; getting the shift wrong by one silently
trains on the wrong tokens, so the shift lives here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from tinker import types


def datum_from_tokens_weights(tokens_T: Sequence[int], weights_T: Sequence[float]) -> types.Datum:
    """A ``cross_entropy`` datum from a full sequence and per-token weights (same length).

    ``weights_T[i]`` is the weight of predicting ``tokens_T[i]``; ``weights_T[0]`` is
    dropped (nothing predicts the first token).
    """
    if len(tokens_T) != len(weights_T):
        raise ValueError(
            f"tokens ({len(tokens_T)}) and weights ({len(weights_T)}) differ in length"
        )
    if len(tokens_T) < 2:
        raise ValueError("a training sequence needs at least 2 tokens")
    return types.Datum(
        model_input=types.ModelInput.from_ints([int(t) for t in tokens_T[:-1]]),
        loss_fn_inputs={
            "target_tokens": types.TensorData.from_numpy(np.asarray(tokens_T[1:], dtype=np.int64)),
            "weights": types.TensorData.from_numpy(np.asarray(weights_T[1:], dtype=np.float32)),
        },
    )


def rl_datum(
    prompt_tokens_T: Sequence[int],
    completion_tokens_T: Sequence[int],
    completion_logprobs_T: Sequence[float],
    advantage: float,
) -> types.Datum:
    """An ``importance_sampling`` / ``ppo`` datum for one sampled completion.

    Prompt positions get advantage 0 (no gradient); every completion token gets
    ``advantage`` and its sampler logprob.
    """
    if len(completion_tokens_T) != len(completion_logprobs_T):
        raise ValueError("completion tokens and logprobs differ in length")
    if not prompt_tokens_T or not completion_tokens_T:
        raise ValueError("an RL datum needs a non-empty prompt and completion")
    full_T = [*prompt_tokens_T, *completion_tokens_T]
    n_prompt = len(prompt_tokens_T) - 1
    logprobs_T = np.zeros(len(full_T) - 1, dtype=np.float32)
    logprobs_T[n_prompt:] = np.asarray(completion_logprobs_T, dtype=np.float32)
    advantages_T = np.zeros(len(full_T) - 1, dtype=np.float32)
    advantages_T[n_prompt:] = advantage
    return types.Datum(
        model_input=types.ModelInput.from_ints([int(t) for t in full_T[:-1]]),
        loss_fn_inputs={
            "target_tokens": types.TensorData.from_numpy(np.asarray(full_T[1:], dtype=np.int64)),
            "logprobs": types.TensorData.from_numpy(logprobs_T),
            "advantages": types.TensorData.from_numpy(advantages_T),
        },
    )
