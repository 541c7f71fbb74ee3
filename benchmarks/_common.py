"""Shared plumbing of the benchmark scripts: timing, machine facts, tables, JSON results.

Why: every script reports the same way (a markdown table on stdout, the same
rows as JSON under ``benchmarks/results/<name>.json``, with the machine and its
load recorded next to the numbers), so results from different runs and
machines can be compared and the README tables regenerated from the JSON.
Scripts import this as a sibling module (``python benchmarks/<name>.py`` puts
``benchmarks/`` on ``sys.path``).
"""

from __future__ import annotations

import json
import os
import platform
import resource
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

RESULTS_DIR = Path(__file__).resolve().parent / "results"
"""Where results are written unless ``--results-dir`` says otherwise."""


@dataclass
class Timing:
    """Repeated wall-clock timings of one operation, in seconds."""

    seconds_R: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.seconds_R)

    @property
    def best(self) -> float:
        return min(self.seconds_R)


def time_repeated(
    fn: Callable[[], object], *, repeats: int, warmup: int = 1, min_seconds: float = 0.0
) -> Timing:
    """Run ``fn`` ``warmup`` times untimed, then at least ``repeats`` times (and at least
    ``min_seconds`` in total) timed with ``time.perf_counter``."""
    for _ in range(warmup):
        fn()
    seconds_R: list[float] = []
    start = time.perf_counter()
    while len(seconds_R) < repeats or time.perf_counter() - start < min_seconds:
        t0 = time.perf_counter()
        fn()
        seconds_R.append(time.perf_counter() - t0)
    return Timing(seconds_R)


def machine_info() -> dict[str, Any]:
    """The facts a number depends on: CPU count, torch threads, load average, versions."""
    import torch

    load_1m, load_5m, _ = os.getloadavg()
    times = os.times()
    return {
        "process_cpu_s": round(times.user + times.system, 2),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpu_count": os.cpu_count(),
        "torch_threads": torch.get_num_threads(),
        "torch": torch.__version__,
        "python": platform.python_version(),
        "loadavg_1m": round(load_1m, 2),
        "loadavg_5m": round(load_5m, 2),
        "cuda": torch.cuda.is_available(),
    }


def peak_rss_mib() -> float:
    """Peak resident memory of this process so far, in MiB (``ru_maxrss`` is KiB on Linux)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def markdown_table(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    """Rows as a GitHub markdown table (floats to 3 significant digits)."""

    def cell(value: Any) -> str:
        if isinstance(value, float):
            return f"{value:.3g}" if abs(value) < 1000 else f"{value:,.0f}"
        if isinstance(value, bool):
            return "yes" if value else "no"
        return "" if value is None else str(value)

    lines = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
    lines += ["| " + " | ".join(cell(row.get(c)) for c in columns) + " |" for row in rows]
    return "\n".join(lines)


@dataclass
class Report:
    """What a benchmark script hands back: its rows, verdicts against targets, and notes."""

    name: str
    """Script name; results go to ``<results_dir>/<name>.json``."""
    rows: list[dict[str, Any]]
    columns: list[str]
    """Which row keys the markdown table shows, in order."""
    targets: list[dict[str, Any]] = field(default_factory=list)
    """One entry per target: ``{"target", "measured", "goal", "met"}``."""
    notes: list[str] = field(default_factory=list)
    """Free-text notes printed under the table (e.g. a profile when a target is missed)."""
    config: dict[str, Any] = field(default_factory=dict)
    """The arguments the script ran with."""
    summary: dict[str, float] = field(default_factory=dict)
    """Headline numbers other scripts and the README read (e.g. ``matmul_gflops``)."""

    def markdown(self) -> str:
        """The report as markdown: table, targets, notes."""
        parts = [f"## {self.name}", "", markdown_table(self.rows, self.columns)]
        if self.targets:
            parts += ["", markdown_table(self.targets, ["target", "goal", "measured", "met"])]
        if self.notes:
            parts += ["", *[f"\n{note}\n" if "\n" in note else f"- {note}" for note in self.notes]]
        return "\n".join(parts)

    def write(self, results_dir: Path, path: Path | None = None) -> Path:
        """Write the JSON result (atomically) to ``path`` (default
        ``<results_dir>/<name>.json``) and return its path."""
        path = path or results_dir / f"{self.name}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "name": self.name,
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": machine_info(),
            "config": self.config,
            "summary": self.summary,
            "rows": self.rows,
            "targets": self.targets,
            "notes": self.notes,
        }
        tmp = path.with_suffix(".json.tmp")
        # paths inside the checkout are stored relative to it, so a result reads the same
        # from any clone (and names no machine's directories)
        text = json.dumps(payload, indent=2).replace(str(REPO_ROOT) + "/", "")
        tmp.write_text(text + "\n")
        os.replace(tmp, path)
        return path


REPO_ROOT = Path(__file__).resolve().parent.parent
"""The checkout the benchmarks run from."""


def finish(report: Report, results_dir: Path, json_path: Path | None = None) -> None:
    """Print the report as markdown and write its JSON (to ``json_path`` if given)."""
    print(report.markdown())
    path = report.write(results_dir, json_path)
    print(f"\nresults: {path}")


def load_note() -> str:
    """A note recording how busy the machine was, since shared CPUs skew every number."""
    load_1m, _, _ = os.getloadavg()
    cpus = os.cpu_count() or 1
    return (
        f"load average {load_1m:.2f} on {cpus} CPUs when measured"
        + (" — the machine was busy; rerun on a quiet machine for final numbers"
           if load_1m > 0.5 * cpus else "")
    )


def profile_top_ops(fn: Callable[[], object], title: str, row_limit: int = 12) -> str:
    """Run ``fn`` under torch.profiler (all threads: local clients run their model work on a
    worker thread) and return the top operators by self CPU time as a markdown block.

    The header line compares wall time with the time inside torch operators: a large
    gap means the time goes to Python and framework overhead, not to the math.
    """
    from torch._C._profiler import _ExperimentalConfig
    from torch.profiler import ProfilerActivity, profile

    config = _ExperimentalConfig(profile_all_threads=True)
    with profile(activities=[ProfilerActivity.CPU], experimental_config=config) as prof:
        start = time.perf_counter()
        fn()
        wall = time.perf_counter() - start
    averages = prof.key_averages()
    in_ops = sum(event.self_cpu_time_total for event in averages) / 1e6
    table = averages.table(sort_by="self_cpu_time_total", row_limit=row_limit)
    summary = (f"wall {wall:.3f} s; inside torch ops {in_ops:.3f} s ({in_ops / wall:.0%} of wall; "
               "the rest is Python and framework overhead between ops)")
    return f"{title}\n{summary}\n```\n{table}\n```"


def roofline_seconds(
    prompt_lengths: Sequence[int],
    generated_lengths: Sequence[int],
    *,
    params: float,
    weight_bytes: float,
    kv_bytes_per_token: float,
    matmul_gflops: float,
    copy_gbs: float,
) -> float:
    """The fastest this machine could sample the given work (seconds).

    Prefill: every prompt token at the compute bound (2 × params FLOPs each). Then one
    decode step per generated position (the first token comes from the prefill): the
    slower of reading every weight plus the live rows' KV cache once at ``copy_gbs``
    (memory bound) and 2 × params FLOPs per live row at ``matmul_gflops`` (compute
    bound). Rows that stopped cost nothing.
    """
    flops = matmul_gflops * 1e9
    bandwidth = copy_gbs * 1e9
    total = 2 * params * sum(prompt_lengths) / flops
    steps = max(generated_lengths, default=0)
    for t in range(1, steps):
        live = [i for i, n in enumerate(generated_lengths) if n > t]
        kv = sum(prompt_lengths[i] + t for i in live) * kv_bytes_per_token
        memory = (weight_bytes + kv) / bandwidth
        compute = 2 * params * len(live) / flops
        total += max(memory, compute)
    return total
