"""Scaling out: the same grid run on local Ray with 1 worker and with 2; the speed-up.

What it runs: the grid of `selftaught run` (a fresh fictional-language textbook per seed;
per seed the shared stateless control and each learner) through `selftaught.study.run_grid`
with ``RayConfig(workers=1)``, then ``workers=2``, each into a fresh run directory and on a
fresh local Ray instance. The wall time counts from submitting the tracks to the last step
written, so it includes each worker loading the model once (that is part of the real cost)
and excludes starting Ray. It also checks that both runs stored the same events (measured
seconds aside) -- the point of the driver-writes-everything design.

What it reports: wall seconds for 1 and 2 workers, the speed-up (ratio of one run each, not a
distribution), the load average before and after each run (this machine is shared: a
speed-up well under 2 on 2 cores is mostly other processes' load), and the driver's CPU time.

Run:  SELFTAUGHT_NUM_THREADS=1 .venv/bin/python benchmarks/scaling.py [--seeds 2] [--chapters 1]
      [--items 4] [--learners notes] [--model smollm2-135m-instruct]
      (a few minutes on 2 cores; ``--model tiny-random`` for a smoke run)
"""

from __future__ import annotations

import os
import resource
import shutil
import tempfile
import time
from pathlib import Path
from typing import Annotated, Any

import ray
import typer
from _common import RESULTS_DIR, Report, finish, load_note

from selftaught.cli.run import RunOptions
from selftaught.study import STORE_FILE, RayConfig, RunStore, open_tracks, run_grid


def timed_run(options: RunOptions, directory: Path, workers: int) -> dict[str, Any]:
    """Run the grid on a fresh local Ray with ``workers`` workers; wall time and the logs."""
    grid = options.grid()
    load_before = os.getloadavg()[0]
    ray.init(address="local", num_cpus=workers, include_dashboard=False, log_to_driver=False)
    try:
        cpu_before = resource.getrusage(resource.RUSAGE_SELF)
        with RunStore(directory / STORE_FILE) as store:
            tracks = open_tracks(store, grid)
            started = time.perf_counter()
            run_grid(store, tracks, ray=RayConfig(workers=workers))
            wall = time.perf_counter() - started
            logs = [[e.model_dump(exclude={"costs": {"seconds"}}) for e in store.events(t.id)]
                    for t in tracks]
        cpu_after = resource.getrusage(resource.RUSAGE_SELF)
    finally:
        ray.shutdown()
    return {
        "workers": workers, "tracks": len(tracks), "wall_s": round(wall, 1),
        "driver_cpu_s": round(cpu_after.ru_utime + cpu_after.ru_stime
                              - cpu_before.ru_utime - cpu_before.ru_stime, 1),
        "loadavg_before": round(load_before, 2), "loadavg_after": round(os.getloadavg()[0], 2),
        "logs": logs,
    }


def main(
    seeds: Annotated[int, typer.Option(min=1)] = 2,
    chapters: Annotated[int, typer.Option(min=1)] = 1,
    items: Annotated[int, typer.Option(min=1)] = 4,
    learners: Annotated[str, typer.Option(help="Comma-separated learners.")] = "notes",
    model: Annotated[str, typer.Option()] = "smollm2-135m-instruct",
    results_dir: Annotated[Path, typer.Option()] = RESULTS_DIR,
) -> None:
    """Run the grid with 1 and 2 Ray workers; record the wall times and the speed-up."""
    options = RunOptions(model=model, chapters=chapters, items=items, seeds=seeds,
                         learners=tuple(n.strip() for n in learners.split(",") if n.strip()))
    scratch = Path(tempfile.mkdtemp(prefix="selftaught-scaling-"))
    try:
        runs = [timed_run(options, scratch / f"workers-{w}", w) for w in (1, 2)]
    finally:
        shutil.rmtree(scratch)
    same = runs[0].pop("logs") == runs[1].pop("logs")
    speedup = runs[0]["wall_s"] / runs[1]["wall_s"]
    report = Report(
        name="scaling",
        rows=runs,
        columns=["workers", "tracks", "wall_s", "driver_cpu_s", "loadavg_before",
                 "loadavg_after"],
        targets=[{"target": "same events with 1 and 2 workers", "goal": "identical",
                  "measured": "identical" if same else "DIFFERENT", "met": same}],
        notes=[f"speed-up with 2 workers: {speedup:.2f}x (one run each; one "
               f"grid of {runs[0]['tracks']} tracks: {seeds} seed(s) x (control + "
               f"{learners}), {chapters} chapter(s) x {items} items, {model})",
               f"torch threads per worker: SELFTAUGHT_NUM_THREADS="
               f"{os.environ.get('SELFTAUGHT_NUM_THREADS', 'unset')}", load_note()],
        config={"seeds": seeds, "chapters": chapters, "items": items, "learners": learners,
                "model": model},
        summary={"speedup_2_workers": round(speedup, 3), "wall_1_worker_s": runs[0]["wall_s"],
                 "wall_2_workers_s": runs[1]["wall_s"]},
    )
    finish(report, results_dir)
    if not same:
        raise typer.Exit(1)


if __name__ == "__main__":
    typer.run(main)
