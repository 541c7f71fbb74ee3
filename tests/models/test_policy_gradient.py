"""A short policy-gradient loop raises reward on a toy task (the tiny model).

The loop is the one every RL learner runs: sample groups -> reward ->
group-centred advantages -> ``importance_sampling`` -> ``optim_step``.
Toy reward: the fraction of sampled tokens whose id is in the lower half of
the vocabulary (about 0.5 for the random model).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from tinker import types

from selftaught.models import rl_datum, sample_many


def _reward(tokens_T: list[int], vocab: int) -> float:
    return float(np.mean([t < vocab // 2 for t in tokens_T])) if tokens_T else 0.0


def test_policy_gradient_raises_reward(service: Any, base_model: str) -> None:
    tc = service.create_lora_training_client(base_model, rank=8, seed=0).result()
    vocab = len(tc.get_tokenizer())
    prompts_P = [
        tc.get_tokenizer().encode(p, add_special_tokens=False)
        for p in ("Say something:", "Go on", "Reply:", "Tokens please")
    ]
    params = types.SamplingParams(max_tokens=8, temperature=1.0, stop=[])
    mean_reward_S: list[float] = []
    for step in range(12):
        sc = tc.save_weights_and_get_sampling_client().result()
        params = params.model_copy(update={"seed": step})
        responses_P = sample_many(sc, [types.ModelInput.from_ints(p) for p in prompts_P], 8, params)
        data, rewards = [], []
        for prompt_T, response in zip(prompts_P, responses_P, strict=True):
            rewards_G = np.array([_reward(s.tokens, vocab) for s in response.sequences])
            advantages_G = rewards_G - rewards_G.mean()
            rewards.extend(rewards_G)
            for seq, adv in zip(response.sequences, advantages_G, strict=True):
                if adv != 0:
                    data.append(rl_datum(prompt_T, seq.tokens, seq.logprobs, float(adv)))
        mean_reward_S.append(float(np.mean(rewards)))
        if data:
            tc.forward_backward(data, "importance_sampling")
            tc.optim_step(types.AdamParams(learning_rate=2e-2))
    first, last = np.mean(mean_reward_S[:3]), np.mean(mean_reward_S[-3:])
    assert last > first + 0.15, f"reward did not rise: {mean_reward_S}"
