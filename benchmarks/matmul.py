"""Measure this machine's float32 matmul speed (GFLOP/s) and memory-copy bandwidth (GB/s).

Why: the sampling targets are relative to the *compute limit* — the
tokens/s a model of P parameters could reach if every token cost exactly 2·P
FLOPs at this machine's measured matmul speed. Memory bandwidth is measured too
because one-sequence decoding reads every weight once per token, so at small
batch it, not FLOPs, bounds speed (P·4 bytes per token in float32).

Run:  .venv/bin/python benchmarks/matmul.py [--quick]
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import torch
import typer
from _common import RESULTS_DIR, Report, finish, load_note, machine_info, time_repeated


def measure_matmul(n: int, *, repeats: int, min_seconds: float) -> dict[str, float]:
    """GFLOP/s of an n×n @ n×n float32 matmul (2·n³ FLOPs), median and best over repeats."""
    a = torch.randn(n, n, dtype=torch.float32)
    b = torch.randn(n, n, dtype=torch.float32)
    out = torch.empty(n, n, dtype=torch.float32)
    timing = time_repeated(
        lambda: torch.matmul(a, b, out=out), repeats=repeats, min_seconds=min_seconds
    )
    flops = 2.0 * n**3
    return {
        "gflops_median": flops / timing.median / 1e9,
        "gflops_best": flops / timing.best / 1e9,
        "repeats": float(len(timing.seconds_R)),
    }


def measure_copy(mib: int, *, repeats: int, min_seconds: float) -> dict[str, float]:
    """GB/s of copying a ``mib`` MiB float32 buffer (counts bytes read + bytes written)."""
    src = torch.randn(mib * 1024 * 1024 // 4, dtype=torch.float32)
    dst = torch.empty_like(src)
    timing = time_repeated(lambda: dst.copy_(src), repeats=repeats, min_seconds=min_seconds)
    moved = 2.0 * src.numel() * 4
    return {
        "gbs_median": moved / timing.median / 1e9,
        "gbs_best": moved / timing.best / 1e9,
        "repeats": float(len(timing.seconds_R)),
    }


BASIS_MIN_SIZE = 1024
"""Smallest n counted in the compute-limit basis: smaller matrices sit in cache and
overstate the sustained speed a model's weight matrices get."""


def matmul_gflops(quick: bool = True) -> float:
    """This machine's matmul speed for the compute limit: the best per-size median GFLOP/s
    over sizes n >= 1024.

    Other benchmarks call this to measure under the same load they run in.
    """
    sizes = (1024,) if quick else (1024, 2048)
    return max(
        measure_matmul(n, repeats=3, min_seconds=0.2 if quick else 2.0)["gflops_median"]
        for n in sizes
    )


def copy_gbs(quick: bool = True) -> float:
    """This machine's memory-copy bandwidth (GB/s, bytes read + written) for the memory
    bound: median of copying a buffer far larger than the caches."""
    return measure_copy(64 if quick else 256, repeats=3, min_seconds=0.2 if quick else 1.0)[
        "gbs_median"]


def machine_facts(quick: bool = True) -> dict[str, float]:
    """Matmul GFLOP/s and copy GB/s, measured now (under the load the caller runs in)."""
    return {"matmul_gflops": matmul_gflops(quick), "copy_gbs": copy_gbs(quick)}


def run(quick: bool) -> Report:
    """Measure matmul at several sizes and copy bandwidth; build the report."""
    sizes = (256, 512, 1024) if quick else (512, 1024, 2048, 4096)
    min_seconds = 0.2 if quick else 2.0
    rows: list[dict[str, object]] = []
    basis_gflops: list[float] = []
    for n in sizes:
        result = measure_matmul(n, repeats=3, min_seconds=min_seconds)
        if n >= BASIS_MIN_SIZE:
            basis_gflops.append(result["gflops_median"])
        rows.append({"op": "matmul", "size": f"{n}x{n}", "unit": "GFLOP/s", **result,
                     "median": result["gflops_median"], "best": result["gflops_best"]})
    copy_mib = 64 if quick else 256
    copy = measure_copy(copy_mib, repeats=3, min_seconds=min_seconds)
    rows.append({"op": "copy", "size": f"{copy_mib} MiB", "unit": "GB/s", **copy,
                 "median": copy["gbs_median"], "best": copy["gbs_best"]})
    peak = max(basis_gflops)
    info = machine_info()
    return Report(
        name="matmul",
        rows=rows,
        columns=["op", "size", "unit", "median", "best", "repeats"],
        summary={"matmul_gflops": peak, "copy_gbs": copy["gbs_median"]},
        notes=[
            f"matmul_gflops (compute-limit basis) = best per-size median over n >= "
            f"{BASIS_MIN_SIZE} = {peak:.1f} GFLOP/s with {info['torch_threads']} torch threads "
            "(smaller sizes fit in cache and overstate sustained speed)",
            "reference for this machine class (2-core cloud VM): ~74 GFLOP/s matmul, ~30 GB/s copy",
            load_note(),
        ],
        config={"quick": quick},
    )


def main(
    quick: Annotated[bool, typer.Option("--quick", help="Smaller sizes, shorter timing.")] = False,
    json_path: Annotated[Path | None, typer.Option("--json", help="Write the JSON here.")
                         ] = None,
    results_dir: Annotated[Path, typer.Option(help="Where to write matmul.json.")] = RESULTS_DIR,
) -> None:
    """Measure float32 matmul GFLOP/s and memory-copy GB/s."""
    finish(run(quick), results_dir, json_path)


if __name__ == "__main__":
    typer.run(main)
