"""Weight-space (Reptile) and in-context (MetaICL) meta-learning, measured on dev books.

For one formulation this script (1) meta-trains the embedded model on generated
*training* books (seeds >= 100 of the training domains; `selftaught.metatrain.reptile`
or `selftaught.metatrain.incontext`), (2) generates *dev* books (seeds 900.. of a
training domain, and of the held-out ``arithmetic`` domain; never the evaluation seeds
0..99, never a hand-written book) as JSON files, and (3) has the frozen base model and
the meta-trained model each study every dev book with ``selftaught study FILE -l KIND
-o model=M`` -- the same learner, options and budget, only the starting weights differ.

Per book it reads the run's ``gain/controlled`` (accuracy gain beyond the control
track's) and ``gain/answer_logprob_controlled`` (the dense gain: mean log-probability of
the reference answers); it reports their means for both models, the paired difference
(meta-trained − base) with a percentile-bootstrap 95% CI over books, and the ratio of
the mean controlled gains (undefined when the base's is 0). The load average and CPU
seconds are recorded: the box is shared, so wall times are not comparable across runs.

Everything is resumable: training resumes from its output directory, and a study run
that already wrote its ``summary.json`` is read, not rerun.

Run:  SELFTAUGHT_NUM_THREADS=1 .venv/bin/python benchmarks/metatrain_formulations.py \\
          --formulation icl            # or: --formulation reptile
Results are merged into ``benchmarks/results/metatrain_formulations.json`` (one entry
per formulation).
"""

from __future__ import annotations

import fcntl
import json
import math
import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from _common import RESULTS_DIR, machine_info, markdown_table

from selftaught.fileio import write_text_atomic
from selftaught.metrics.bootstrap import bootstrap_ci
from selftaught.textbook.io import dumps_json

MODEL = "smollm2-135m-instruct"
DEV_DOMAINS = ("language", "arithmetic")
"""A training domain (unseen dev seeds) and the held-out domain (never trained on)."""
LEARNER = {"icl": "notes", "reptile": "lora"}
"""The learner each formulation is made for (and evaluated with)."""


def dev_books(work: Path, domains: list[str], seeds: list[int], chapters: int,
              items: int) -> list[Path]:
    """Generate the dev books as JSON files (refusing anything but dev seeds)."""
    from selftaught.generators import generate
    from selftaught.metatrain.reptile import DEV_SEEDS

    bad = [s for s in seeds if s not in DEV_SEEDS]
    if bad:
        raise typer.BadParameter(f"--dev-seeds {bad}: dev seeds are {list(DEV_SEEDS)}")
    paths = []
    for domain in domains:
        for seed in seeds:
            book = generate(domain, seed=seed, chapters=chapters, exercises=items, probes=items)
            path = work / "books" / f"{book.id}.json"
            if not path.is_file():
                write_text_atomic(path, dumps_json(book))
            elif path.read_text() != dumps_json(book):
                raise typer.BadParameter(f"{path}: generated with other --chapters/--items; "
                                         "use another --work directory")
            paths.append(path)
    return paths


def study(book: Path, kind: str, model: str, run_dir: Path,
          options: dict[str, Any]) -> dict[str, Any]:
    """``selftaught study`` one book (resuming a killed run); its learner's metrics."""
    summary = run_dir / "summary.json"
    if not summary.is_file():
        command = [sys.executable, "-m", "selftaught.cli.main", "study", str(book),
                   "--learner", kind, "-o", f"model={model}", "--run-dir", str(run_dir),
                   "--json"]
        for key, value in options.items():
            command += ["-o", f"{key}={json.dumps(value)}"]
        if run_dir.exists():
            command.append("--resume")
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            lines = [ln for ln in done.stderr.strip().splitlines() if "it/s]" not in ln]
            raise RuntimeError(f"selftaught study {book.name} ({model}) failed with exit status "
                               f"{done.returncode} (-9: killed, e.g. out of memory): "
                               f"{lines[-1:]}")
    metrics: dict[str, Any] = json.loads(summary.read_text())["learners"][kind]["metrics"]
    cpu = json.loads(summary.read_text())["learners"][kind]["costs"]["total"]["cpu_seconds"]
    return {"gain": metrics["gain/controlled"]["mean"],
            "lp_gain": metrics["gain/answer_logprob_controlled"]["mean"],
            "pretest": metrics["pretest/floor"]["mean"],
            "post": metrics["probe/post_study"]["mean"],
            "lp_pretest": metrics["probe/answer_logprob_pretest"]["mean"],
            "lp_final": metrics["probe/answer_logprob"]["mean"], "cpu_seconds": cpu}


def train(formulation: str, model: str, work: Path, quick: bool,
          options: dict[str, Any], reptile_steps: int | None = None,
          outer_lr: float = 0.5) -> tuple[Path, dict[str, Any]]:
    """Meta-train (or resume); the model directory and the settings used."""
    started = time.process_time()

    def log(step: int, metrics: dict[str, Any]) -> None:
        print(f"[{formulation}] step {step}: {metrics} load={os.getloadavg()[0]:.1f}",
              flush=True)

    if formulation == "reptile":
        from selftaught.metatrain.reptile import reptile

        steps = reptile_steps or (2 if quick else 4)
        settings: dict[str, Any] = {"meta_steps": steps, "outer_lr": outer_lr,
                                    "train_seeds": (100, 101, 102), "chapters": 2, "items": 4,
                                    "save_every": 1, "learner_options": options}
        model_dir = reptile(model, work / "reptile", log=log, **settings)
    else:
        from selftaught.metatrain.incontext import incontext

        settings = {"steps": 8 if quick else 20, "learning_rate": 5e-4, "rank": 16,
                    "batch_size": 8, "train_seeds": (100, 101, 102, 103, 104, 105),
                    "chapters": 2, "items": 4, "save_every": 10, "learner_options": options}
        model_dir = incontext(model, work / "icl", log=log, **settings)
    settings["train_cpu_seconds_this_process"] = round(time.process_time() - started, 1)
    return model_dir, {k: list(v) if isinstance(v, tuple) else v for k, v in settings.items()}


def compare(rows: list[dict[str, Any]], key: str) -> dict[str, Any]:
    """Means for base and meta-trained, the paired difference with its bootstrap CI."""
    base = [r[f"base_{key}"] for r in rows]
    meta = [r[f"meta_{key}"] for r in rows]
    diff, lo, hi = bootstrap_ci([m - b for m, b in zip(meta, base, strict=True)])
    mean_base, mean_meta = sum(base) / len(base), sum(meta) / len(meta)
    return {"base": mean_base, "meta": mean_meta, "diff": diff,
            "diff_ci95": None if math.isnan(lo) else [lo, hi],
            "ci_excludes_0": bool(lo > 0 or hi < 0),
            "ratio": mean_meta / mean_base if mean_base > 0 else None, "n_books": len(rows)}


def merge_result(path: Path, formulation: str, entry: dict[str, Any]) -> None:
    """Put ``entry`` under ``formulations[formulation]`` of the JSON file (locked, atomic)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        payload = json.loads(path.read_text()) if path.is_file() else {
            "name": "metatrain_formulations", "formulations": {}}
        payload["formulations"][formulation] = entry
        write_text_atomic(path, json.dumps(payload, indent=1) + "\n")
    path.with_suffix(".lock").unlink(missing_ok=True)


def main(
    formulation: Annotated[str, typer.Option(help="reptile | icl")],
    work: Annotated[Path, typer.Option(help="Work directory (models, books, study runs).")] = (
        Path("runs/metatrain-formulations")),
    dev_seeds: Annotated[str, typer.Option(help="Dev seeds, comma-separated (900..909).")] = (
        "900,901,902"),
    dev_domains: Annotated[str, typer.Option(help="Dev domains, comma-separated.")] = (
        ",".join(DEV_DOMAINS)),
    chapters: Annotated[int, typer.Option(help="Chapters per dev book.")] = 2,
    items: Annotated[int, typer.Option(help="Exercises and probes per dev chapter.")] = 4,
    quick: Annotated[bool, typer.Option(help="Tiny training budget (a smoke run).")] = False,
    model: Annotated[str, typer.Option(help="Base model (tiny-random for a smoke run).")] = MODEL,
    option: Annotated[list[str] | None, typer.Option(
        "--option", "-o", help="Learner option KEY=VALUE (JSON value), the same for the "
        "inner/episode learner and both evaluated learners, e.g. study_steps=8.")] = None,
    train_only: Annotated[bool, typer.Option("--train-only", help="Only (resume and) finish "
                                             "the meta-training.")] = False,
    meta_steps: Annotated[int | None, typer.Option(help="reptile: meta-steps (default 4; "
                                                   "2 with --quick).")] = None,
    outer_lr: Annotated[float, typer.Option(help="reptile: outer step size epsilon, "
                                            "annealed linearly to 0.")] = 0.5,
    label: Annotated[str | None, typer.Option(help="Key of this entry in the results JSON "
                                              "(default: the formulation).")] = None,
    json_path: Annotated[Path, typer.Option("--json")] = (
        RESULTS_DIR / "metatrain_formulations.json"),
) -> None:
    if formulation not in LEARNER:
        raise typer.BadParameter(f"--formulation {formulation!r}: expected reptile or icl")
    start_wall, start_load = time.time(), os.getloadavg()
    work = work.resolve()
    options = {k: json.loads(v) for k, v in (o.split("=", 1) for o in option or [])}
    trained = work / f"{formulation}-trained.json"
    if train_only:
        model_dir, settings = train(formulation, model, work, quick, options, meta_steps,
                                    outer_lr)
        write_text_atomic(trained, json.dumps({"model_dir": str(model_dir), "settings": settings}))
        return
    # Train in a child process: the parent then holds no model while the studies run.
    subprocess.run([sys.executable, *sys.argv, "--train-only"], check=True)
    record = json.loads(trained.read_text())
    model_dir, settings = Path(record["model_dir"]), record["settings"]
    kind = LEARNER[formulation]
    rows = []
    domains = dev_domains.split(",")
    for book in dev_books(work, domains, [int(s) for s in dev_seeds.split(",")], chapters, items):
        base = study(book, kind, model, work / "study" / formulation / "base" / book.stem, options)
        meta = study(book, kind, str(model_dir), work / "study" / formulation / "meta" / book.stem,
                     options)
        rows.append({"book": book.stem, **{f"base_{k}": v for k, v in base.items()},
                     **{f"meta_{k}": v for k, v in meta.items()}})
        print(f"[{formulation}] {book.stem}: base {base} meta {meta}", flush=True)
    entry = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "learner": kind, "learner_options": options, "model": model, "training": settings,
        "dev_domains": domains,
        "dev_seeds": dev_seeds, "chapters": chapters, "items": items, "rows": rows,
        "controlled_gain": compare(rows, "gain"),
        "answer_logprob_gain": compare(rows, "lp_gain"),
        "answer_logprob_final": compare(rows, "lp_final"),
        "answer_logprob_pretest": compare(rows, "lp_pretest"),
        "by_domain": {d: compare([r for r in rows if r["book"].startswith(d)], "gain")
                      for d in domains},
        "wall_seconds": round(time.time() - start_wall, 1),
        "loadavg_start": [round(x, 2) for x in start_load],
        "machine": machine_info(),
    }
    merge_result(json_path, label or formulation, entry)
    print(markdown_table(rows, ["book", "base_gain", "meta_gain", "base_lp_gain", "meta_lp_gain",
                                "base_lp_pretest", "meta_lp_pretest", "base_lp_final",
                                "meta_lp_final"]))
    for key in ("controlled_gain", "answer_logprob_gain", "answer_logprob_final"):
        c = entry[key]
        ratio = "undefined" if c["ratio"] is None else f"{c['ratio']:.2f}x"
        ci = "n/a" if c["diff_ci95"] is None else "[{:+.3f}, {:+.3f}]".format(*c["diff_ci95"])
        print(f"{key}: base {c['base']:.3f} meta {c['meta']:.3f} diff {c['diff']:+.3f} "
              f"95% CI {ci} ratio {ratio}")


if __name__ == "__main__":
    typer.run(main)
