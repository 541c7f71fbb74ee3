"""Training tokens/s of the local TrainingClient vs a bare PyTorch + PEFT loop on the same batch.

Metric: *training tokens per second* = tokens in the batch (B sequences × T
tokens) ÷ seconds of one training step, where a step is
``forward_backward(batch, "cross_entropy")`` + ``optim_step(AdamParams)`` for
the client, and the same work written by hand for the baseline: a PEFT LoRA
with the *same* configuration (rank, alpha, target modules), the loss summed
over next-token targets, ``backward``, ``torch.optim.AdamW`` with the same
hyper-parameters, ``zero_grad``. Steps alternate client / bare so that load
changes on a shared machine hit both equally; medians are compared.

DESIGN §7 target: the client within 10% of the bare loop (ratio ≥ 0.9).
When missed, a torch.profiler table of one client step is appended.

Run:  .venv/bin/python benchmarks/training.py [--quick] [--model tiny-random]
"""

from __future__ import annotations

import copy
import statistics
import time
from pathlib import Path
from typing import Annotated, Any

import torch
import typer
from _common import RESULTS_DIR, Report, finish, load_note, peak_rss_mib, profile_top_ops
from tinker import types

DEFAULT_MODEL = "smollm2-135m-instruct"


def make_batch(vocab_size: int, batch: int, seq_len: int, seed: int = 0) -> torch.Tensor:
    """``batch`` × ``seq_len`` token ids (uniform random, deterministic)."""
    generator = torch.Generator().manual_seed(seed)
    return torch.randint(3, vocab_size, (batch, seq_len), generator=generator)


def client_step(client: Any, data: list[types.Datum], adam: types.AdamParams) -> float:
    """One forward_backward + optim_step on the local client; seconds."""
    start = time.perf_counter()
    client.forward_backward(data, "cross_entropy").result()
    client.optim_step(adam).result()
    return time.perf_counter() - start


def bare_step(model: Any, optimizer: torch.optim.Optimizer, tokens_BT: torch.Tensor) -> float:
    """The same step in plain PyTorch + PEFT; seconds."""
    start = time.perf_counter()
    logits = model(input_ids=tokens_BT[:, :-1]).logits.float()
    loss = torch.nn.functional.cross_entropy(
        logits.reshape(-1, logits.shape[-1]), tokens_BT[:, 1:].reshape(-1), reduction="sum"
    )
    loss.backward()
    optimizer.step()
    optimizer.zero_grad(set_to_none=True)
    return time.perf_counter() - start


def profile_client(client: Any, data: list[types.Datum], adam: types.AdamParams) -> str:
    """Top operators (self CPU time) of one client step, as a markdown block."""
    return profile_top_ops(
        lambda: client_step(client, data, adam),
        "profile of one TrainingClient step (top ops by self CPU time):",
    )


def run(model_name: str, quick: bool, batch: int | None, seq_len: int | None, steps: int | None,
        rank: int) -> Report:
    """Time alternating client and bare steps on the same batch."""
    from peft import get_peft_model

    from selftaught.models import LocalServiceClient, datum_from_tokens_weights, load_model
    from selftaught.models.host import LoraSpec

    batch = batch or (4 if quick else 8)
    seq_len = seq_len or (32 if quick else 256)
    steps = steps or (3 if quick else 10)
    loaded = load_model(model_name, device="cpu")
    # The bare loop gets its own copy, taken before the client's LoRA is injected into
    # the shared base model, with the identical LoRA configuration.
    spec = LoraSpec(rank=rank, seed=0)
    bare_model = get_peft_model(copy.deepcopy(loaded.model), spec.peft_config())
    bare_model.train()
    adam = types.AdamParams(learning_rate=1e-4)
    optimizer = torch.optim.AdamW(
        [p for p in bare_model.parameters() if p.requires_grad], lr=adam.learning_rate,
        betas=(adam.beta1, adam.beta2), eps=adam.eps, weight_decay=adam.weight_decay,
    )
    client = LocalServiceClient(device="cpu").create_lora_training_client(
        base_model=model_name, rank=rank, seed=0
    ).result()

    tokens_BT = make_batch(len(loaded.tokenizer), batch, seq_len)
    data = [datum_from_tokens_weights(row.tolist(), [1.0] * seq_len) for row in tokens_BT]
    client_step(client, data, adam)  # warm-up both
    bare_step(bare_model, optimizer, tokens_BT)
    client_s: list[float] = []
    bare_s: list[float] = []
    for _ in range(steps):
        client_s.append(client_step(client, data, adam))
        bare_s.append(bare_step(bare_model, optimizer, tokens_BT))

    tokens = batch * seq_len
    client_tps = tokens / statistics.median(client_s)
    bare_tps = tokens / statistics.median(bare_s)
    ratio = client_tps / bare_tps
    trainable = sum(p.numel() for p in bare_model.parameters() if p.requires_grad)
    rows = [
        {"method": "bare PyTorch + PEFT loop", "tokens": tokens,
         "median_step_s": statistics.median(bare_s), "tokens_per_s": bare_tps, "vs_bare": 1.0},
        {"method": "TrainingClient fwd_bwd + optim_step", "tokens": tokens,
         "median_step_s": statistics.median(client_s), "tokens_per_s": client_tps,
         "vs_bare": ratio},
    ]
    targets = [{"target": "client within 10% of bare loop", "goal": 0.9, "measured": ratio,
                "met": ratio >= 0.9}]
    notes = [
        f"model {model_name}: batch {batch} × {seq_len} tokens, LoRA rank {rank} on "
        f"{', '.join(spec.target_modules())} ({trainable / 1e6:.2f}M trainable), "
        f"{steps} alternating steps each, medians",
        load_note(),
    ]
    if ratio < 0.9:
        notes.append(profile_client(client, data, adam))
    return Report(
        name="training",
        rows=rows,
        columns=["method", "tokens", "median_step_s", "tokens_per_s", "vs_bare"],
        targets=targets,
        notes=notes,
        summary={"client_tokens_per_s": client_tps, "bare_tokens_per_s": bare_tps,
                 "ratio": ratio, "peak_rss_mib": peak_rss_mib()},
        config={"model": model_name, "quick": quick, "batch": batch, "seq_len": seq_len,
                "steps": steps, "rank": rank},
    )


def main(
    model: Annotated[str, typer.Option(help="Model name or HF directory.")] = DEFAULT_MODEL,
    quick: Annotated[bool, typer.Option("--quick", help="Batch 4 × 32 tokens, 3 steps.")
                     ] = False,
    batch: Annotated[int | None, typer.Option(help="Sequences per batch (default 8).")] = None,
    seq_len: Annotated[int | None, typer.Option(help="Tokens per sequence (default 256).")
                       ] = None,
    steps: Annotated[int | None, typer.Option(help="Timed steps per method (default 10).")
                     ] = None,
    rank: Annotated[int, typer.Option(help="LoRA rank.")] = 32,
    results_dir: Annotated[Path, typer.Option(help="Where to write training.json.")] = RESULTS_DIR,
) -> None:
    """Compare TrainingClient training throughput with a bare PyTorch + PEFT loop."""
    finish(run(model, quick, batch, seq_len, steps, rank), results_dir)


if __name__ == "__main__":
    typer.run(main)
