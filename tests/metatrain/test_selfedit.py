"""The guaranteed edit format: every sampled edit parses, even from a random model."""

from __future__ import annotations

import numpy as np

from selftaught.generators import generate
from selftaught.metatrain import EditFormat, Rollout, parse_pairs, parse_rate, write_edits
from selftaught.metatrain.selfedit import pg_datum, sft_datum
from selftaught.models import ServiceClient, get_renderer


def _edits(group_size: int, pairs: int) -> list[list[Rollout]]:
    sampler = ServiceClient().create_sampling_client(base_model="tiny-random").result()
    tokenizer = sampler.get_tokenizer()
    book = generate("language", seed=100, chapters=2, exercises=2, probes=2)
    return write_edits(sampler, get_renderer(tokenizer), tokenizer, book.chapters,
                       group_size=group_size, edit_format=EditFormat(pairs, 8, 4),
                       temperature=1.0, seed=0)


def test_every_edit_of_an_untrained_random_policy_parses() -> None:
    groups = _edits(group_size=8, pairs=3)
    flat = [r for g in groups for r in g]
    assert len(groups) == 2 and all(len(g) == 8 for g in groups)
    assert parse_rate(flat) == 1.0
    assert all(len(r.pairs) == 3 for r in flat)  # exactly the format's pairs
    assert len({r.text for r in flat}) == len(flat)  # K distinct samples, not one copied
    for r in flat:
        assert len(r.tokens_T) == len(r.logprobs_T) == len(r.sampled_T)
        assert not all(r.sampled_T) and any(r.sampled_T)  # forced marks and sampled text


def test_forced_tokens_get_no_advantage_but_are_imitated() -> None:
    rollout = _edits(group_size=1, pairs=2)[0][0]
    n_prompt = len(rollout.prompt_T) - 1
    advantages = pg_datum(rollout, 2.0).loss_fn_inputs["advantages"].to_numpy()[n_prompt:]
    assert np.array_equal(advantages, np.where(rollout.sampled_T, 2.0, 0.0))
    weights = sft_datum(rollout).loss_fn_inputs["weights"].to_numpy()[n_prompt:]
    assert weights.sum() == len(rollout.tokens_T)


def test_parse_pairs_needs_question_and_answer() -> None:
    assert parse_pairs("Q: a? A: b\rQ: c? A: d") == [("a?", "b\rQ: c? A: d")]
    assert parse_pairs("Q:  A: x\nQ: y A:  ") == []
