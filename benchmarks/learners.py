"""The DESIGN §7 learner targets, measured over seeds: does the embedded model learn a textbook?

What it runs: `selftaught run` (the main job's code path, so the benchmark measures
what users get) with the learners ``notes`` and ``lora`` against the shared
stateless control, on ``--seeds`` freshly generated fictional-language textbooks
of ``--chapters`` chapters. The run directory is kept: rerunning the script
resumes a killed run and then only recomputes the table.

What it reports, per learner, as mean and 95% bootstrap CI over seeds:

* ``pre-test``: mean_j R[0][j]                             target ≤ 0.10
* ``post-study (worst chapter)``: min_c R[c][c]               target ≥ 0.80
* ``post-study (mean)``: mean_c R[c][c]
* ``forgetting after 3 chapters``: mean_{j ≤ T−3} (R[j][j] − R[j+3][j])   target ≤ 0.10
* ``study CPU-min per chapter``: the learner's own seconds (study + practice with
  feedback; probes excluded) per chapter ÷ 60 × torch threads    target ≤ 2

Run:  .venv/bin/python benchmarks/learners.py [--seeds 3] [--chapters 4] [--items 8]
      (about 40 minutes on 2 quiet cores with the defaults; ``--model tiny-random`` for a smoke run;
      ``--ray local|auto|ADDRESS [--workers N]`` runs the tracks on Ray, docs/scaling.md)
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import numpy as np
import torch
import typer
from _common import RESULTS_DIR, Report, finish, load_note

from selftaught.cli.run import CONTROL, WALL_KEY
from selftaught.cli.run import run as selftaught_run
from selftaught.metrics import accuracy_matrix, bootstrap_ci, chapter_costs, controlled_gains
from selftaught.study import STORE_FILE, RunStore

RUNS_DIR = Path(__file__).resolve().parent / "runs"
FURTHER = 3
"""Forgetting is measured after this many further chapters (DESIGN §7)."""


def main(
    seeds: Annotated[int, typer.Option(min=1)] = 3,
    chapters: Annotated[int, typer.Option(min=FURTHER + 1)] = 4,
    items: Annotated[int, typer.Option(min=1)] = 8,
    learners: Annotated[str, typer.Option(help="Comma-separated learners.")] = "notes,lora",
    model: Annotated[str, typer.Option()] = "smollm2-135m-instruct",
    option: Annotated[list[str] | None, typer.Option(
        "--option", "-o", help="Learner option KEY=VALUE, as for `selftaught run`.")] = None,
    run_dir: Annotated[Path | None, typer.Option(help="Default benchmarks/runs/learners-…")] = None,
    results_dir: Annotated[Path, typer.Option()] = RESULTS_DIR,
    ray: Annotated[str | None, typer.Option(help="Run the tracks on Ray: local, auto or a "
                                            "cluster ADDRESS (see docs/scaling.md).")] = None,
    workers: Annotated[int | None, typer.Option(min=1, help="With --ray: tracks at once.")] = None,
) -> None:
    """Run (or resume) the study run, then tabulate the §7 targets with CIs."""
    names = [n.strip() for n in learners.split(",") if n.strip()]
    directory = run_dir or RUNS_DIR / f"learners-{model}-s{seeds}-c{chapters}-i{items}"
    resume = (directory / STORE_FILE).exists()
    selftaught_run(model=model, domain="language", chapters=chapters, learners=",".join(names),
                   seeds=seeds, curve_every=None, items=items, quick=False, run_dir=directory,
                   resume=resume, option=option, ray=ray, workers=workers)
    store = RunStore(directory / STORE_FILE)
    tracks = store.tracks()
    threads = torch.get_num_threads()
    rows, targets = [], []
    for name in names:
        R_S, C_S, minutes_S = [], [], []
        for s in range(seeds):
            learner = next(t for t in tracks if t.learner == name and t.seed == s and not t.control)
            control = next(t for t in tracks if t.learner == CONTROL and t.seed == s and t.control)
            events = store.events(learner.id)
            R_S.append(accuracy_matrix(events, chapters))
            C_S.append(accuracy_matrix(store.events(control.id), chapters))
            costs = chapter_costs(events, chapters)
            minutes_S.append(float(np.mean([c.seconds for c in costs])) / 60 * threads)
        measures = {
            "pre-test": [float(R[0].mean()) for R in R_S],
            "post-study (worst chapter)": [float(np.diag(R[1:]).min()) for R in R_S],
            "post-study (mean)": [float(np.diag(R[1:]).mean()) for R in R_S],
            "controlled gain": [float(controlled_gains(R, C).mean()) for R, C in zip(R_S, C_S,
                                                                                    strict=True)],
            f"forgetting after {FURTHER} chapters": [
                float(np.mean([R[j, j - 1] - R[j + FURTHER, j - 1]
                               for j in range(1, chapters - FURTHER + 1)])) for R in R_S],
            "study CPU-min per chapter": minutes_S,
        }
        for measure, values in measures.items():
            mean, lo, hi = bootstrap_ci(values)
            rows.append({"learner": name, "measure": measure, "mean": mean,
                         "ci95": f"[{lo:.2f}, {hi:.2f}]",
                         "per seed": ", ".join(f"{v:.2f}" for v in values)})
        for measure, goal, ok in (
            ("pre-test", "≤ 0.10", lambda v: v <= 0.10),
            ("post-study (worst chapter)", "≥ 0.80", lambda v: v >= 0.80),
            (f"forgetting after {FURTHER} chapters", "≤ 0.10", lambda v: v <= 0.10),
            ("study CPU-min per chapter", "≤ 2", lambda v: v <= 2.0),
        ):
            value = float(np.mean(measures[measure]))
            targets.append({"target": f"{name}: {measure}", "goal": goal,
                            "measured": round(value, 3), "met": bool(ok(value))})
        for c in range(1, chapters + 1):
            mean, lo, hi = bootstrap_ci([float(R[c, c - 1]) for R in R_S])
            rows.append({"learner": name, "measure": f"post-study chapter {c}", "mean": mean,
                         "ci95": f"[{lo:.2f}, {hi:.2f}]",
                         "per seed": ", ".join(f"{R[c, c - 1]:.2f}" for R in R_S)})
    wall = float(store.meta(WALL_KEY) or 0.0)
    report = Report(
        name="learners",
        rows=rows,
        columns=["learner", "measure", "mean", "ci95", "per seed"],
        targets=targets,
        notes=[f"run directory {directory}; wall time of the run {wall / 60:.1f} min "
               f"({seeds} seeds × {chapters} chapters × {items} items, learners {names} + control)",
               f"torch threads {threads}", load_note()],
        config={"seeds": seeds, "chapters": chapters, "items": items, "learners": names,
                "model": model, "options": option or [], "ray": ray, "workers": workers},
        summary={f"{t['target']}": t["measured"] for t in targets},
    )
    finish(report, results_dir)


if __name__ == "__main__":
    typer.run(main)
