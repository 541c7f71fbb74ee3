"""Batched sampling throughput of the local SamplingClient vs a naive loop and the compute limit.

Metric: *generated tokens per second* = (rows × max_tokens) / wall seconds of one
``sample_many`` call, prefill included, every row forced to generate exactly
``max_tokens`` (``stop=[]`` disables stopping) so all runs do the same work.
``all_tokens_per_s`` also counts the prompt tokens (prefill), for context: with
short generations the prefill of ~35-token chat prompts is a large share of the
FLOPs, which is why the full run generates 128 tokens per row.

* batch B: B distinct chat prompts, one sample each, in one call.
* naive: the same prompts one at a time through Hugging Face ``model.generate``
  (KV cache, sampling, ``min_new_tokens = max_new_tokens``): what a user gets
  without a batched sampler.
* compute limit: measured float32 matmul FLOP/s ÷ (2 × parameters) — the
  tokens/s if each token cost exactly one multiply-add per weight at peak speed.

DESIGN §7 targets: best batched ≥ 50% of the compute limit, and ≥ 3× naive.
When a target is missed the script appends a torch.profiler table of one
batched decode (top operators by self CPU time) to explain where time goes.

Run:  .venv/bin/python benchmarks/sampling.py [--quick] [--model tiny-random]
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated, Any

import torch
import typer
from _common import RESULTS_DIR, Report, finish, load_note, peak_rss_mib, profile_top_ops
from matmul import matmul_gflops
from tinker import types

DEFAULT_MODEL = "smollm2-135m-instruct"
DEFAULT_BATCHES = (1, 8, 16, 32)

TOPICS = (
    "rivers", "owls", "bread", "chess", "glaciers", "violins", "bees", "lighthouses",
    "volcanoes", "tea", "comets", "bicycles", "coral", "maps", "clocks", "wolves",
    "deserts", "kites", "cheese", "trains", "moss", "whales", "ink", "bridges",
    "thunder", "salt", "foxes", "mirrors", "rice", "caves", "sails", "honey",
)
"""32 topics -> 32 distinct prompts (the largest batch)."""


def build_prompts(renderer: Any, count: int) -> list[types.ModelInput]:
    """``count`` distinct, similar-length chat prompts."""
    return [
        renderer.build_generation_prompt(
            [{"role": "user",
              "content": f"Write a short paragraph about {TOPICS[i % len(TOPICS)]}."}]
        )
        for i in range(count)
    ]


def time_batched(client: Any, prompts: list[types.ModelInput], max_tokens: int) -> dict[str, float]:
    """One ``sample_many`` call over ``prompts``: seconds and generated tokens/s."""
    from selftaught.models import sample_many

    params = types.SamplingParams(max_tokens=max_tokens, temperature=1.0, stop=[], seed=0)
    start = time.perf_counter()
    responses = sample_many(client, prompts, 1, params)
    seconds = time.perf_counter() - start
    generated = sum(len(seq.tokens) for r in responses for seq in r.sequences)
    if generated != len(prompts) * max_tokens:
        raise RuntimeError(
            f"expected {len(prompts) * max_tokens} generated tokens, got {generated}"
        )
    prompt_tokens = sum(p.length for p in prompts)
    return {"seconds": seconds, "tokens": float(generated), "prompt_tokens": float(prompt_tokens),
            "tokens_per_s": generated / seconds,
            "all_tokens_per_s": (generated + prompt_tokens) / seconds}


def time_naive(model: Any, tokenizer: Any, prompts: list[types.ModelInput], max_tokens: int
               ) -> dict[str, float]:
    """Hugging Face ``generate`` one prompt at a time: seconds and generated tokens/s."""
    generated = 0
    start = time.perf_counter()
    with torch.inference_mode():
        for prompt in prompts:
            ids = torch.tensor([prompt.to_ints()], device=model.device)
            out = model.generate(
                ids, attention_mask=torch.ones_like(ids), do_sample=True, temperature=1.0,
                top_p=1.0, top_k=0, max_new_tokens=max_tokens, min_new_tokens=max_tokens,
                pad_token_id=tokenizer.pad_token_id,
            )
            generated += out.shape[1] - ids.shape[1]
    seconds = time.perf_counter() - start
    prompt_tokens = sum(p.length for p in prompts)
    return {"seconds": seconds, "tokens": float(generated), "prompt_tokens": float(prompt_tokens),
            "tokens_per_s": generated / seconds,
            "all_tokens_per_s": (generated + prompt_tokens) / seconds}


def profile_batched(client: Any, prompts: list[types.ModelInput], max_tokens: int) -> str:
    """Top operators (self CPU time) of one batched call, as a markdown block."""
    return profile_top_ops(
        lambda: time_batched(client, prompts, max_tokens),
        f"profile of one batch-{len(prompts)} sample_many call, {max_tokens} tokens per row "
        "(top ops by self CPU time):",
    )


def run(model_name: str, quick: bool, batches: list[int], max_tokens: int | None,
        naive_prompts: int | None) -> Report:
    """Measure the naive loop and each batch size; compare with the compute limit."""
    from selftaught.models import LocalServiceClient, get_renderer, load_model

    max_tokens = max_tokens or (16 if quick else 128)
    naive_n = naive_prompts or (2 if quick else 8)
    loaded = load_model(model_name, device="cpu")
    client = LocalServiceClient(device="cpu").create_sampling_client(base_model=model_name).result()
    renderer = get_renderer(client.get_tokenizer())
    prompts = build_prompts(renderer, max(max(batches), naive_n))

    time_batched(client, prompts[:2], 4)  # warm-up: first-call allocations, thread pools
    gflops = matmul_gflops(quick=True)
    # Base weights only: once any LoRA exists in the process, PEFT has injected its
    # (unused here) adapter weights into the shared model.
    params = sum(p.numel() for n, p in loaded.model.named_parameters() if "lora_" not in n)
    limit = gflops * 1e9 / (2 * params)

    rows: list[dict[str, Any]] = []
    naive = time_naive(loaded.model, loaded.tokenizer, prompts[:naive_n], max_tokens)
    rows.append({"method": "naive HF generate loop", "batch": 1, **naive,
                 "vs_naive": 1.0, "of_limit": naive["tokens_per_s"] / limit})
    for batch in batches:
        result = time_batched(client, prompts[:batch], max_tokens)
        rows.append({"method": "SamplingClient.sample_many", "batch": batch, **result,
                     "vs_naive": result["tokens_per_s"] / naive["tokens_per_s"],
                     "of_limit": result["tokens_per_s"] / limit})

    best = max(rows[1:], key=lambda r: r["tokens_per_s"])
    targets = [
        {"target": "batched ≥ 50% of compute limit", "goal": 0.5,
         "measured": best["of_limit"], "met": best["of_limit"] >= 0.5},
        {"target": "batched ≥ 3× naive loop", "goal": 3.0,
         "measured": best["vs_naive"], "met": best["vs_naive"] >= 3.0},
    ]
    notes = [
        f"model {model_name}: {params / 1e6:.2f}M parameters; {max_tokens} generated tokens per "
        f"row; matmul {gflops:.1f} GFLOP/s → compute limit {limit:,.0f} tokens/s",
        f"best: batch {best['batch']} at {best['tokens_per_s']:,.0f} tokens/s",
        load_note(),
    ]
    if not all(t["met"] for t in targets):
        notes.append(profile_batched(client, prompts[: best["batch"]], max_tokens))
    return Report(
        name="sampling",
        rows=rows,
        columns=["method", "batch", "prompt_tokens", "tokens", "seconds", "tokens_per_s",
                 "all_tokens_per_s", "vs_naive", "of_limit"],
        targets=targets,
        notes=notes,
        summary={"best_tokens_per_s": best["tokens_per_s"], "naive_tokens_per_s":
                 naive["tokens_per_s"], "compute_limit_tokens_per_s": limit,
                 "matmul_gflops": gflops, "peak_rss_mib": peak_rss_mib()},
        config={"model": model_name, "quick": quick, "batches": batches,
                "max_tokens": max_tokens, "naive_prompts": naive_n},
    )


def main(
    model: Annotated[str, typer.Option(help="Model name or HF directory.")] = DEFAULT_MODEL,
    quick: Annotated[bool, typer.Option("--quick", help="16 tokens per row, 2 naive prompts.")
                     ] = False,
    batch: Annotated[list[int] | None, typer.Option(help="Batch size (repeatable).")] = None,
    max_tokens: Annotated[int | None, typer.Option(help="Generated tokens per row.")] = None,
    naive_prompts: Annotated[int | None, typer.Option(help="Prompts in the naive loop.")] = None,
    results_dir: Annotated[Path, typer.Option(help="Where to write sampling.json.")] = RESULTS_DIR,
) -> None:
    """Measure batched sampling throughput against the naive loop and the compute limit."""
    batches = sorted(set(batch or DEFAULT_BATCHES))
    finish(run(model, quick, batches, max_tokens, naive_prompts), results_dir)


if __name__ == "__main__":
    typer.run(main)
