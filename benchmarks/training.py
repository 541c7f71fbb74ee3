"""LoRA training steps on a learner-shaped batch: tokens/s and step time against the step's
FLOP limit and a bare PyTorch + PEFT loop on the same batch.

Batch: B sequences × T tokens (default 8 × 36) whose loss weight sits on the last
``weighted`` tokens of each (default 6: a learner datum weights its reply, not the
system prompt and question). A step is ``forward_backward(batch, "cross_entropy")``
+ ``optim_step(AdamParams)`` for the client; the bare loop is the same work written
by hand the usual way: a PEFT LoRA with the same configuration, full-vocabulary
logits at every position, the weighted cross-entropy summed, ``backward``,
``torch.optim.AdamW``, ``zero_grad``. Steps alternate client / bare so load
changes on a shared machine hit both equally; medians are compared.

``limit_tokens_per_s``: the batch's tokens ÷ the seconds the step's FLOPs take at
the matmul speed measured in this run. The step's FLOPs: the forward (2 × base
parameters per token, every logprob is returned) + the backward through every
layer from the lowest LoRA'd one up (2 × those parameters per token; frozen
weights need no weight gradient) + the ``lm_head`` backward at weighted tokens
only + the LoRA factors (6 × LoRA parameters per token). The ``lora_layers`` row
puts LoRA on the upper half of the layers only (the learner chooses it by
measurement): less backward work, so a lower FLOP count and a higher limit.

Targets: the client ≥ 60% of its FLOP limit and ≥ 1.0× the bare loop.

Run:  .venv/bin/python benchmarks/training.py [--quick] [--json PATH]
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
from matmul import machine_facts
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


def bare_step(model: Any, optimizer: torch.optim.Optimizer, tokens_BT: torch.Tensor,
              weights_BT: torch.Tensor) -> float:
    """The same step in plain PyTorch + PEFT (logits at every position); seconds."""
    start = time.perf_counter()
    logits = model(input_ids=tokens_BT[:, :-1]).logits.float()
    loss = (torch.nn.functional.cross_entropy(
        logits.reshape(-1, logits.shape[-1]), tokens_BT[:, 1:].reshape(-1), reduction="none"
    ) * weights_BT.reshape(-1)).sum()
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


def step_flops(model: Any, tokens: int, weighted: int, first_layer: int, lora_params: int
               ) -> float:
    """FLOPs a LoRA step on this batch must do (see the module docstring)."""
    layers = model.model.layers
    per_layer = sum(p.numel() for n, p in layers[0].named_parameters() if "lora_" not in n)
    head = model.lm_head
    head_params = getattr(head, "base_layer", head).weight.numel()
    base = sum(p.numel() for n, p in model.named_parameters() if "lora_" not in n)
    backward_layers = per_layer * (len(layers) - first_layer)
    return float(2 * base * tokens + 2 * backward_layers * tokens + 2 * head_params * weighted
                 + 6 * lora_params * tokens)


def run(model_name: str, quick: bool, batch: int | None, seq_len: int | None, steps: int | None,
        rank: int, weighted: int) -> Report:
    """Time alternating client and bare steps on the same batch."""
    from peft import get_peft_model

    from selftaught.models import LocalServiceClient, datum_from_tokens_weights, load_model
    from selftaught.models.host import LoraSpec

    batch = batch or (4 if quick else 8)
    seq_len = seq_len or 36
    steps = steps or (3 if quick else 8)
    loaded = load_model(model_name, device="cpu")
    n_layers = int(loaded.model.config.num_hidden_layers)
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
    service = LocalServiceClient(device="cpu")
    half = (n_layers // 2, n_layers)
    clients = {
        "TrainingClient": service.create_lora_training_client(
            base_model=model_name, rank=rank, seed=0).result(),
        f"TrainingClient lora_layers={half}": service.create_lora_training_client(
            base_model=model_name, rank=rank, seed=0, lora_layers=half).result(),
    }
    tokens_BT = make_batch(len(loaded.tokenizer), batch, seq_len + 1)
    weights_T = [0.0] * (seq_len - weighted) + [1.0] * weighted
    weights_BT = torch.tensor([weights_T] * batch)
    data = [datum_from_tokens_weights(row.tolist(), [0.0, *weights_T]) for row in tokens_BT]
    for client in clients.values():
        client_step(client, data, adam)  # warm-up
    bare_step(bare_model, optimizer, tokens_BT, weights_BT)
    facts = machine_facts()
    timings: dict[str, list[float]] = {name: [] for name in ["bare", *clients]}
    for _ in range(steps):
        for name, client in clients.items():
            timings[name].append(client_step(client, data, adam))
        timings["bare"].append(bare_step(bare_model, optimizer, tokens_BT, weights_BT))

    tokens = batch * seq_len
    n_weighted = batch * weighted
    flops_per_s = facts["matmul_gflops"] * 1e9
    bare_s = statistics.median(timings["bare"])
    rows = []
    for name, seconds in timings.items():
        client = clients.get(name)
        first = 0
        if client is not None and client.spec.layers is not None:
            first = client.spec.layers[0]
        lora = (client.host.adapter_params(client.adapter) if client is not None
                else [p for p in bare_model.parameters() if p.requires_grad])
        flops = step_flops(loaded.model, tokens, n_weighted, first, sum(p.numel() for p in lora))
        median = statistics.median(seconds)
        limit = tokens / (flops / flops_per_s)
        rows.append({"method": "bare PyTorch + PEFT loop" if name == "bare" else name,
                     "tokens": tokens, "weighted_tokens": n_weighted, "median_step_s": median,
                     "tokens_per_s": tokens / median, "limit_tokens_per_s": limit,
                     "fraction_of_limit": tokens / median / limit, "vs_bare": bare_s / median,
                     "step_gflop": flops / 1e9})
    main_row = rows[1]
    targets = [
        {"target": "client ≥ 60% of the step's FLOP limit", "goal": 0.6,
         "measured": main_row["fraction_of_limit"], "met": main_row["fraction_of_limit"] >= 0.6},
        {"target": "client ≥ 1.0× the bare PEFT loop", "goal": 1.0,
         "measured": main_row["vs_bare"], "met": main_row["vs_bare"] >= 1.0},
    ]
    trainable = sum(p.numel() for p in bare_model.parameters() if p.requires_grad)
    notes = [
        f"model {model_name}: batch {batch} × {seq_len} tokens, loss on the last {weighted} of "
        f"each; LoRA rank {rank} on {', '.join(spec.target_modules())} "
        f"({trainable / 1e6:.2f}M trainable), {steps} alternating steps each, medians",
        f"matmul {facts['matmul_gflops']:.1f} GFLOP/s, copy {facts['copy_gbs']:.1f} GB/s "
        "(measured in this run)",
        load_note(),
    ]
    if not all(t["met"] for t in targets) and not quick:
        notes.append(profile_client(clients["TrainingClient"], data, adam))
    return Report(
        name="training",
        rows=rows,
        columns=["method", "tokens", "weighted_tokens", "median_step_s", "tokens_per_s",
                 "limit_tokens_per_s", "fraction_of_limit", "vs_bare"],
        targets=targets,
        notes=notes,
        summary={**facts, "client_tokens_per_s": main_row["tokens_per_s"],
                 "bare_tokens_per_s": tokens / bare_s, "ratio": main_row["vs_bare"],
                 "peak_rss_mib": peak_rss_mib()},
        config={"model": model_name, "quick": quick, "batch": batch, "seq_len": seq_len,
                "steps": steps, "rank": rank, "weighted": weighted},
    )


def main(
    model: Annotated[str, typer.Option(help="Model name or HF directory.")] = DEFAULT_MODEL,
    quick: Annotated[bool, typer.Option("--quick", help="Batch 4, 3 steps.")] = False,
    batch: Annotated[int | None, typer.Option(help="Sequences per batch (default 8).")] = None,
    seq_len: Annotated[int | None, typer.Option(help="Tokens per sequence (default 36).")
                       ] = None,
    steps: Annotated[int | None, typer.Option(help="Timed steps per method (default 8).")
                     ] = None,
    rank: Annotated[int, typer.Option(help="LoRA rank.")] = 32,
    weighted: Annotated[int, typer.Option(help="Loss-carrying tokens per sequence.")] = 6,
    json_path: Annotated[Path | None, typer.Option("--json", help="Write the JSON here.")
                         ] = None,
    results_dir: Annotated[Path, typer.Option(help="Where to write training.json.")] = RESULTS_DIR,
) -> None:
    """Compare TrainingClient steps with their FLOP limit and a bare PyTorch + PEFT loop."""
    finish(run(model, quick, batch, seq_len, steps, rank, weighted), results_dir, json_path)


if __name__ == "__main__":
    typer.run(main)
