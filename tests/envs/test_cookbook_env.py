"""The textbook RL environment, run by tinker-cookbook's own ``rl/train.py`` main loop.

Only the service is swapped (``conftest.local_tinker``); the dataset builder is
selftaught's, everything else -- rollouts, rewards, advantages, the training step,
metrics and checkpoints -- is the cookbook's.
"""

from __future__ import annotations

import asyncio
import json
import pickle
from pathlib import Path
from typing import Any

import pytest

from selftaught.types import Textbook

MODEL = "meta-llama/Llama-3.2-1B"
"""The name `conftest.local_tinker` serves with the tiny random model."""

pytest.importorskip("tinker_cookbook", reason="tinker-cookbook is installed by `make` (dev)")


def _rows(log: Path) -> list[dict[str, Any]]:
    lines = (log / "metrics.jsonl").read_text().splitlines()
    return [row for row in map(json.loads, lines) if "progress/batch" in row]


def test_dataset_builder_batches_and_pickles(book_path: Path, local_tinker: Path) -> None:
    from selftaught.envs.cookbook import TextbookDatasetBuilder

    builder = TextbookDatasetBuilder(book=str(book_path), model_name_for_tokenizer=MODEL,
                                     renderer_name="role_colon", batch_size=3, group_size=2,
                                     epochs=2, test_book=str(book_path))
    train, test = asyncio.run(builder())
    assert len(train) == 2  # 2 chapters x 2 epochs / 3 a batch, rounded up
    assert [g.c for g in train.get_batch(0)] == [1, 2, 1]
    assert test is not None and [g.c for g in test.get_batch(0)] == [1, 2]
    group = pickle.loads(pickle.dumps(train.get_batch(1)[0]))  # distributed rollouts pickle it
    envs = asyncio.run(group.make_envs())
    assert len(envs) == 2
    with pytest.raises(IndexError):
        train.get_batch(2)


def test_scripted_rollout_through_the_renderer(book: Textbook, local_tinker: Path) -> None:
    """Token actions in, graded rewards out: the reference answers earn the full return."""
    from tinker_cookbook import renderers
    from tinker_cookbook.tokenizer_utils import get_tokenizer

    from selftaught.envs.chapter import ChapterEpisode
    from selftaught.envs.cookbook import TextbookEnv

    renderer = renderers.get_renderer("role_colon", get_tokenizer(MODEL))
    env = TextbookEnv(ChapterEpisode(book, 1), renderer)
    ob, stop = asyncio.run(env.initial_observation())
    assert ob.length > 0 and stop
    total, result = 0.0, None
    for _, item in list(env.episode.turns):
        tokens = renderer.tokenizer.encode(f"Answer: {item.answer}\n\nUser:",
                                           add_special_tokens=False)
        result = asyncio.run(env.step(tokens))
        total += result.reward
        assert result.metrics["score"] == 1.0
    assert result is not None and result.episode_done
    assert result.metrics["gain"] == 0.0 and result.metrics["post_accuracy"] == 1.0
    assert total == pytest.approx(2.0)  # pre-test 1 + practice 1 + gain 0
    # the conversation the policy saw grew turn by turn, feedback included
    assert sum(m["role"] == "assistant" for m in env.messages) == len(env.episode.turns)
    assert any("Feedback:" in str(m["content"]) for m in env.messages)


def test_cookbook_rl_train_runs_one_step_on_a_textbook(book_path: Path, local_tinker: Path,
                                                       tmp_path: Path) -> None:
    from tinker_cookbook.rl import train

    from selftaught.envs.cookbook import TextbookDatasetBuilder

    log = tmp_path / "rl"
    config = train.Config(
        log_path=str(log), model_name=MODEL, recipe_name="selftaught_textbook",
        renderer_name="role_colon",
        dataset_builder=TextbookDatasetBuilder(
            book=str(book_path), model_name_for_tokenizer=MODEL, renderer_name="role_colon",
            batch_size=1, group_size=2, max_exercises=1, max_probes=1),
        learning_rate=1e-3, max_tokens=4, lora_rank=2, save_every=0, eval_every=0,
        max_steps=1,
    )
    asyncio.run(train.main(config))
    rows = _rows(log)
    assert [r["progress/batch"] for r in rows] == [0]
    row = rows[0]
    # the episode metrics, logged by the cookbook from the last transition
    for key in ("pre_accuracy", "post_accuracy", "gain", "progress_reward", "score"):
        assert f"env/all/{key}" in row, sorted(row)
    assert 0.0 <= row["env/all/post_accuracy"] <= 1.0
    assert row["env/all/ac_tokens_per_turn"] > 0
    # three turns an episode (pre-test, one exercise, post-test), two episodes
    assert row["env/all/turns_per_episode"] == 3
    assert "optim/kl_sample_train_v1" in row  # a training step ran on the sampled turns
