"""tinker-cookbook's own training loops, run unchanged on the local service.

A test suite we did not write: each test calls a cookbook entry point exactly as
its docs do (``sl_loop.main``, ``rl_loop.main``, ``supervised.train.main``,
``rl.train.main``) with only the service swapped (see ``conftest.py``), then
checks what the cookbook itself wrote: its metrics and its checkpoints.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

MODEL = "meta-llama/Llama-3.2-1B"
"""The alias ``conftest.local_tinker`` serves with the tiny random model."""

QA = [(f"What is {i} + {i}?", str(2 * i)) for i in range(8)]


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def _iterations(log: Path) -> list[dict[str, Any]]:
    """rl/train.py's per-iteration metric rows (it also writes summary rows)."""
    return [m for m in _jsonl(log / "metrics.jsonl") if "progress/batch" in m]


def _conversations() -> list[dict[str, Any]]:
    return [
        {"messages": [{"role": "user", "content": q}, {"role": "assistant", "content": a}]}
        for q, a in QA
    ]


def test_sl_loop(local_tinker: Path, in_memory_datasets: dict, tmp_path: Path) -> None:
    from tinker_cookbook.recipes import sl_loop

    in_memory_datasets["HuggingFaceH4/no_robots"] = _conversations()
    log = tmp_path / "sl"
    sl_loop.main(
        sl_loop.Config(
            log_path=str(log), model_name=MODEL, batch_size=4, lora_rank=2, max_length=64
        )
    )
    metrics = _jsonl(log / "metrics.jsonl")
    assert [m["step"] for m in metrics] == [0, 1]
    assert all(m["train_mean_nll"] > 0 for m in metrics)
    final = _jsonl(log / "checkpoints.jsonl")[-1]
    assert final["name"] == "final" and Path(final["sampler_path"]).is_dir()
    assert Path(final["state_path"]).is_relative_to(local_tinker)


def test_rl_loop(local_tinker: Path, in_memory_datasets: dict, tmp_path: Path) -> None:
    from tinker_cookbook.recipes import rl_loop

    in_memory_datasets["openai/gsm8k"] = [
        {"question": q, "answer": f"{q} {a}\n#### {a}"} for q, a in QA[:4]
    ]
    log = tmp_path / "rl"
    rl_loop.main(
        rl_loop.Config(
            log_path=str(log),
            model_name=MODEL,
            batch_size=2,
            group_size=2,
            lora_rank=2,
            max_tokens=4,
            loss_fn="importance_sampling",
        )
    )
    metrics = _jsonl(log / "metrics.jsonl")
    assert [m["progress/batch"] for m in metrics] == [0, 1]
    assert all(0.0 <= m["reward/total"] <= 1.0 for m in metrics)
    assert _jsonl(log / "checkpoints.jsonl")[-1]["name"] == "final"


def test_supervised_train_with_held_out_evaluation(local_tinker: Path, tmp_path: Path) -> None:
    from tinker_cookbook.supervised import train
    from tinker_cookbook.supervised.data import FromConversationFileBuilder
    from tinker_cookbook.supervised.types import ChatDatasetBuilderCommonConfig

    data = tmp_path / "conversations.jsonl"
    data.write_text("".join(json.dumps(c) + "\n" for c in _conversations() + _conversations()[:2]))
    common = ChatDatasetBuilderCommonConfig(
        model_name_for_tokenizer=MODEL, renderer_name="role_colon", max_length=64, batch_size=4
    )
    log = tmp_path / "sft"
    config = train.Config(
        log_path=str(log),
        model_name=MODEL,
        recipe_name="selftaught_test",
        renderer_name="role_colon",
        dataset_builder=FromConversationFileBuilder(
            file_path=str(data), test_size=2, common_config=common
        ),
        lora_rank=2,
        save_every=1,
        eval_every=1,
    )
    asyncio.run(train.main(config))
    metrics = _jsonl(log / "metrics.jsonl")
    assert [m["step"] for m in metrics] == [0, 1]
    assert all(m["test/nll"] > 0 for m in metrics)  # the held-out evaluator ran every step
    assert metrics[1]["test/nll"] < metrics[0]["test/nll"]  # and training moved it


def test_rl_train_two_iterations_then_resume(local_tinker: Path, tmp_path: Path) -> None:
    from tinker_cookbook.recipes.math_rl.arithmetic_env import ArithmeticDatasetBuilder
    from tinker_cookbook.rl import train

    log = tmp_path / "rl-train"

    def config(max_steps: int) -> Any:
        return train.Config(
            log_path=str(log),
            model_name=MODEL,
            recipe_name="selftaught_test",
            renderer_name="role_colon",
            dataset_builder=ArithmeticDatasetBuilder(
                batch_size=2,
                model_name_for_tokenizer=MODEL,
                renderer_name="role_colon",
                n_batches=4,
                group_size=2,
                include_fewshot=False,
            ),
            learning_rate=1e-3,
            max_tokens=4,
            lora_rank=2,
            save_every=1,
            eval_every=0,
            max_steps=max_steps,
        )

    asyncio.run(train.main(config(2)))
    first = _jsonl(log / "checkpoints.jsonl")
    assert [c["batch"] for c in first] == [1, 2, 2]
    rows = _iterations(log)
    assert [m["progress/batch"] for m in rows] == [0, 1]
    # The cookbook's own check that sampler and trainer logprobs agree (on-policy KL).
    assert all(abs(m["optim/kl_sample_train_v1"]) < 1e-4 for m in rows)

    asyncio.run(train.main(config(3)))  # resumes from its own last checkpoint
    logs = (log / "logs.log").read_text()
    assert f"Resumed training from {first[-1]['state_path']}" in logs
    assert [m["progress/batch"] for m in _iterations(log)] == [0, 1, 2]
    last = _jsonl(log / "checkpoints.jsonl")[-1]
    assert last["batch"] == 3
    assert last["cumulative_tokens"]["trained"] > first[-1]["cumulative_tokens"]["trained"]
