"""Sampling throughput on the learner's real path, against the roofline, HF ``generate`` and
llama.cpp, at batch 1, 8, 32 and 64.

The learner's path: a training client's LoRA (rank 32, after one step so it is
non-zero) snapshotted with ``save_weights_and_get_sampling_client``; chat prompts
built like a model learner's question prompts (system ``Answer briefly.``, a
question, reply prefilled with ``Answer:``) plus the learner's writing prompts;
``temperature 0.7, top_p 0.95``, the renderer's end-of-turn stop tokens, and
``max_tokens`` generated at most. Rows stop when the model ends its turn, so the
work differs from row to row; every method is charged only for what it generated.

Per configuration (JSON ``rows``): ``tokens_per_s`` = generated tokens ÷ wall
seconds of one call (prefill included); ``limit_tokens_per_s`` = generated
tokens ÷ the roofline time of the same work; ``fraction_of_limit``.

Roofline (`_common.roofline_seconds`): the prefill at the compute bound, then
per decode step the slower of (a) reading every weight plus the live rows' KV
cache once at the measured copy bandwidth (the memory bound; rules at small
batch) and (b) 2 × parameters FLOPs per live row at the measured matmul speed
(the compute bound; rules at large batch). Both are measured in the same run.

Peers at the same batch, same prompts, same parameters:

* ``hf_generate``: Hugging Face ``generate`` on the PEFT model with the same
  adapter active (left-padded batch, ``do_sample``, ``top_p``, the stop ids as EOS).
* ``llama.cpp`` (`llamacpp.py`, when ``llama-cpp-python`` is installed): the same
  GGUF the embedded model is converted from, batched decode through its C API.
  Note the GGUF is Q4_1-quantised: llama.cpp reads ~0.6 bytes per weight where
  our float32 reads 4, so its memory bound is ~6× higher.

Run:  .venv/bin/python benchmarks/sampling.py [--quick] [--json PATH]
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated, Any

import torch
import typer
from _common import (
    RESULTS_DIR,
    Report,
    finish,
    load_note,
    peak_rss_mib,
    profile_top_ops,
    roofline_seconds,
)
from matmul import machine_facts
from tinker import types

DEFAULT_MODEL = "smollm2-135m-instruct"
DEFAULT_BATCHES = (1, 8, 32, 64)
TEMPERATURE = 0.7
TOP_P = 0.95

QUESTIONS = (
    "What is the plural of 'bepam'?", "Translate 'kijiji' into English.",
    "Which river flows through the capital?", "What does a lighthouse keeper do at night?",
    "Name the tax rate for small traders.", "How many legs does a spider have?",
    "What is the past tense of 'to run'?", "Why do bees make honey?",
    "What colour is the sky on a clear day?", "Who keeps the ledger in a market town?",
    "Translate 'rafiki' into English.", "What is 7 times 8?",
    "Which season comes after winter?", "What does 'habari' mean?",
    "Name a bird that cannot fly.", "What is the capital of the coast province?",
)
"""Learner-style questions (mixed domains); prompts are built as a model learner does."""


def build_prompts(renderer: Any, count: int) -> list[types.ModelInput]:
    """``count`` prompts in a model learner's question format (``Answer:`` prefilled)."""
    out = []
    for i in range(count):
        question = QUESTIONS[i % len(QUESTIONS)]
        if i >= len(QUESTIONS):
            question = f"{question} Explain in a sentence (#{i})."
        out.append(renderer.build_generation_prompt(
            [{"role": "system", "content": "Answer briefly."},
             {"role": "user", "content": question}], prefill="Answer:"))
    return out


def learner_params(renderer: Any, max_tokens: int, seed: int = 0) -> types.SamplingParams:
    return types.SamplingParams(max_tokens=max_tokens, temperature=TEMPERATURE, top_p=TOP_P,
                                seed=seed, stop=renderer.get_stop_sequences())


def time_client(client: Any, prompts: list[types.ModelInput], params: types.SamplingParams
                ) -> dict[str, Any]:
    """One ``sample_many`` call: seconds, generated tokens and per-row lengths."""
    from selftaught.models import sample_many

    start = time.perf_counter()
    responses = sample_many(client, prompts, 1, params)
    seconds = time.perf_counter() - start
    lengths = [len(seq.tokens) for r in responses for seq in r.sequences]
    return {"seconds": seconds, "lengths": lengths}


def time_hf_generate(model: Any, tokenizer: Any, prompts: list[types.ModelInput],
                     params: types.SamplingParams) -> dict[str, Any]:
    """Hugging Face ``generate`` on the same batch (left padded), same sampling parameters."""
    stop = list(params.stop or [])
    pad = int(tokenizer.pad_token_id)
    width = max(p.length for p in prompts)
    ids = torch.full((len(prompts), width), pad, dtype=torch.long)
    mask = torch.zeros_like(ids)
    for i, p in enumerate(prompts):
        ids[i, width - p.length:] = torch.tensor(p.to_ints())
        mask[i, width - p.length:] = 1
    torch.manual_seed(params.seed or 0)
    start = time.perf_counter()
    with torch.inference_mode():
        out = model.generate(input_ids=ids, attention_mask=mask, do_sample=True,
                             temperature=params.temperature, top_p=params.top_p, top_k=0,
                             max_new_tokens=params.max_tokens, eos_token_id=stop,
                             pad_token_id=pad)
    seconds = time.perf_counter() - start
    lengths = []
    for row in out[:, width:].tolist():
        n = next((k + 1 for k, t in enumerate(row) if t in stop), len(row))
        lengths.append(n)
    return {"seconds": seconds, "lengths": lengths}


def _row(method: str, batch: int, timed: dict[str, Any], prompt_lengths: list[int],
         facts: dict[str, float], shape: dict[str, float]) -> dict[str, Any]:
    lengths = timed["lengths"]
    generated = sum(lengths)
    limit_s = roofline_seconds(prompt_lengths, lengths, params=shape["params"],
                               weight_bytes=shape["weight_bytes"],
                               kv_bytes_per_token=shape["kv_bytes_per_token"],
                               matmul_gflops=facts["matmul_gflops"], copy_gbs=facts["copy_gbs"])
    tps = generated / timed["seconds"]
    limit = generated / limit_s
    return {"method": method, "batch": batch, "prompt_tokens": sum(prompt_lengths),
            "tokens": generated, "seconds": timed["seconds"], "tokens_per_s": tps,
            "limit_tokens_per_s": limit, "fraction_of_limit": tps / limit,
            "bound": "memory" if batch * 2 * shape["params"] / (facts["matmul_gflops"] * 1e9)
            < (shape["weight_bytes"]) / (facts["copy_gbs"] * 1e9) else "compute"}


def model_shape(model: Any, dtype_bytes: int = 4) -> dict[str, float]:
    """Parameters (base weights only), their bytes, and KV-cache bytes per token."""
    params = sum(p.numel() for n, p in model.named_parameters()
                 if "lora_" not in n and "modules_to_save" not in n)
    c = model.config
    head_dim = getattr(c, "head_dim", None) or c.hidden_size // c.num_attention_heads
    kv = 2 * c.num_hidden_layers * c.num_key_value_heads * head_dim * dtype_bytes
    return {"params": float(params), "weight_bytes": float(params * dtype_bytes),
            "kv_bytes_per_token": float(kv)}


def learner_sampler(model_name: str) -> tuple[Any, Any]:
    """A training client with a non-zero rank-32 LoRA and its snapshot sampling client."""
    from selftaught.models import LocalServiceClient, datum_from_tokens_weights

    tc = LocalServiceClient(device="cpu").create_lora_training_client(
        base_model=model_name, rank=32, seed=0).result()
    datum = datum_from_tokens_weights(list(range(100, 140)), [1.0] * 40)
    tc.forward_backward([datum], "cross_entropy").result()
    tc.optim_step(types.AdamParams(learning_rate=1e-3)).result()
    return tc, tc.save_weights_and_get_sampling_client().result()


def llamacpp_rows(batches: list[int], max_tokens: int, facts: dict[str, float],
                  shape: dict[str, float]) -> list[dict[str, Any]]:
    """llama.cpp at each batch (`llamacpp.py` in a subprocess), or none if not installed."""
    import json
    import os
    import subprocess
    import sys
    import tempfile

    from llamacpp import llamacpp_available

    if not llamacpp_available():
        print("llama.cpp: llama-cpp-python is not installed; skipped", file=sys.stderr)
        return []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "llamacpp.json"
        command = [sys.executable, str(Path(__file__).with_name("llamacpp.py")),
                   "--max-tokens", str(max_tokens), "--threads", str(torch.get_num_threads()),
                   "--json", str(out), *[f"--batch={b}" for b in batches]]
        env = {**os.environ, "OMP_WAIT_POLICY": "PASSIVE"}
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            tail = "\n".join(done.stderr.strip().splitlines()[-5:])
            raise RuntimeError(f"llamacpp.py failed (exit {done.returncode}):\n{tail}")
        result = json.loads(out.read_text())
    # Q4_1: 4.5 bits per weight + scales ≈ 0.625 bytes; llama.cpp's KV cache is float16.
    q_shape = {**shape, "weight_bytes": shape["params"] * 0.625,
               "kv_bytes_per_token": shape["kv_bytes_per_token"] / 2}
    return [_row("llama.cpp (Q4_1 GGUF)", r["batch"], r, r["prompt_lengths"], facts, q_shape)
            for r in result["rows"]]


def run(model_name: str, quick: bool, batches: list[int], max_tokens: int | None,
        hf: bool, llamacpp: bool) -> Report:
    from selftaught.models import get_renderer, load_model

    max_tokens = max_tokens or (16 if quick else 64)
    loaded = load_model(model_name, device="cpu")
    tc, sampler = learner_sampler(model_name)
    renderer = get_renderer(sampler.get_tokenizer())
    prompts = build_prompts(renderer, max(batches))
    params = learner_params(renderer, max_tokens)
    time_client(sampler, prompts[:2], learner_params(renderer, 4))  # warm-up
    facts = machine_facts()
    shape = model_shape(loaded.model)

    rows: list[dict[str, Any]] = []
    for batch in batches:
        batch_prompts = prompts[:batch]
        prompt_lengths = [p.length for p in batch_prompts]
        rows.append(_row("SamplingClient (engine)", batch,
                         time_client(sampler, batch_prompts, params), prompt_lengths, facts,
                         shape))
        if hf:
            with tc.host.using(tc.adapter) as peft:
                rows.append(_row("HF generate (PEFT)", batch, time_hf_generate(
                    peft, loaded.tokenizer, batch_prompts, params), prompt_lengths, facts,
                    shape))
    if llamacpp:
        rows += llamacpp_rows(batches, max_tokens, facts, shape)
    ours = {r["batch"]: r for r in rows if r["method"].startswith("SamplingClient")}
    peers = {(r["method"], r["batch"]): r for r in rows if not r["method"].startswith("Sampling")}
    for r in rows:
        hf_row = peers.get(("HF generate (PEFT)", r["batch"]))
        lc_row = peers.get(("llama.cpp (Q4_1 GGUF)", r["batch"]))
        if r["method"].startswith("SamplingClient"):
            r["vs_hf_generate"] = r["tokens_per_s"] / hf_row["tokens_per_s"] if hf_row else None
            r["vs_llamacpp"] = r["tokens_per_s"] / lc_row["tokens_per_s"] if lc_row else None

    targets = []
    if 32 in ours:
        f = ours[32]["fraction_of_limit"]
        targets.append({"target": "batch 32 ≥ 50% of the compute limit", "goal": 0.5,
                        "measured": f, "met": f >= 0.5})
    if 1 in ours:
        f = ours[1]["fraction_of_limit"]
        targets.append({"target": "batch 1 ≥ 50% of the memory-bound limit", "goal": 0.5,
                        "measured": f, "met": f >= 0.5})
        if ours[1].get("vs_hf_generate") is not None:
            v = ours[1]["vs_hf_generate"]
            targets.append({"target": "batch 1 ≥ 1.5× HF generate", "goal": 1.5,
                            "measured": v, "met": v >= 1.5})
    if 32 in ours and ours[32].get("vs_llamacpp") is not None:
        v = ours[32]["vs_llamacpp"]
        targets.append({"target": "batch 32 within 2× of llama.cpp", "goal": 0.5,
                        "measured": v, "met": v >= 0.5})
    notes = [
        f"model {model_name}: {shape['params'] / 1e6:.1f}M parameters (float32), LoRA rank 32 "
        f"snapshot attached; temperature {TEMPERATURE}, top_p {TOP_P}, end-of-turn stop ids, "
        f"≤ {max_tokens} tokens per row; prompts {min(p.length for p in prompts)}–"
        f"{max(p.length for p in prompts)} tokens",
        f"matmul {facts['matmul_gflops']:.1f} GFLOP/s, copy {facts['copy_gbs']:.1f} GB/s "
        f"(measured in this run)",
        load_note(),
    ]
    missed = [t for t in targets if not t["met"]]
    if missed and not quick:
        # Profile the batch of the first missed target ("batch N ..." in its name).
        worst = int(missed[0]["target"].split()[1])
        notes.append(profile_top_ops(
            lambda: time_client(sampler, prompts[:worst], params),
            f"profile of one batch-{worst} sample_many call on the learner path:"))
    return Report(
        name="sampling", rows=rows,
        columns=["method", "batch", "prompt_tokens", "tokens", "seconds", "tokens_per_s",
                 "limit_tokens_per_s", "fraction_of_limit", "bound", "vs_hf_generate",
                 "vs_llamacpp"],
        targets=targets, notes=notes,
        summary={**facts, "peak_rss_mib": peak_rss_mib(),
                 **{f"tokens_per_s_b{b}": r["tokens_per_s"] for b, r in ours.items()}},
        config={"model": model_name, "quick": quick, "batches": batches,
                "max_tokens": max_tokens, "temperature": TEMPERATURE, "top_p": TOP_P},
    )


def main(
    model: Annotated[str, typer.Option(help="Model name or HF directory.")] = DEFAULT_MODEL,
    quick: Annotated[bool, typer.Option("--quick", help="16 tokens per row.")] = False,
    batch: Annotated[list[int] | None, typer.Option(help="Batch size (repeatable).")] = None,
    max_tokens: Annotated[int | None, typer.Option(help="Most tokens per row.")] = None,
    hf: Annotated[bool, typer.Option(help="Also time HF generate at each batch.")] = True,
    llamacpp: Annotated[bool, typer.Option(help="Also time llama.cpp (if installed).")] = True,
    json_path: Annotated[Path | None, typer.Option("--json", help="Write the JSON here.")
                         ] = None,
    results_dir: Annotated[Path, typer.Option(help="Where to write sampling.json.")] = RESULTS_DIR,
) -> None:
    """Measure learner-path sampling against the roofline, HF generate and llama.cpp."""
    batches = sorted(set(batch or DEFAULT_BATCHES))
    finish(run(model, quick, batches, max_tokens, hf, llamacpp), results_dir, json_path)


if __name__ == "__main__":
    typer.run(main)
