"""The learner benchmark: does the embedded model learn *any* textbook, and keep it?

What it runs: for every hand-written book in ``examples/textbooks/`` (the development
book under ``dev/`` excluded: it is for tuning) and for ``--seeds`` freshly generated
books of each ``--domains`` domain, one run directory holding the control (the
stateless model, learning disabled) and every learner of ``--learners`` -- the default
``lora`` learner (notes + LoRA), its ablation ``lora-only`` (LoRA, no notes in context) and
the baselines ``notes`` (notes only), ``exposition-only`` (LoRA on the raw exposition) and
``flashcards`` (the previous, generator-fitted learner) -- all
through `selftaught.study.run_track`, the code path of ``selftaught study``. Each run
directory gets its ``summary.json`` (`selftaught.study.summary`); every number below
is read from those files. Rerunning resumes killed runs and recomputes the table.

What it reports, per learner and per group (hand-written books; each generated domain),
as mean and 95% bootstrap CI over books × seeds:

* ``pre-test``             mean_j R[0][j]                                target ≤ 0.10
* ``post-study``           mean_c R[c][c]                                target ≥ 0.80
* ``control post-study``   the same for the control (what "above control" is against)
* ``controlled gain``      mean_c G_c (gain beyond the control's)
* ``forgetting``           mean_j F_j, F_j = max_{l<T} R[l][j] − R[T][j]   target ≤ 0.10
* ``answer logprob``       mean_c LP[c][c]; ``logprob gain`` mean_c (LP[c][c] − LP[c−1][c])
* ``CPU-min per chapter``  process CPU time of study + practice per chapter  target ≤ 2

Run:  python benchmarks/learners.py [--seeds 3] [--items 8] [--domains language]
      python benchmarks/learners.py --quick     (smoke: tiny-random, 1 book, 2 items)
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Annotated, Any

import numpy as np
import typer
from _common import RESULTS_DIR, Report, finish, load_note

from selftaught.metrics import bootstrap_ci, forgetting
from selftaught.study import Arm, Grid, RayConfig, RunStore, open_tracks, run_grid
from selftaught.study.summary import read_summary, write_summary
from selftaught.textbook import load_textbook
from selftaught.types import Textbook

ROOT = Path(__file__).resolve().parent.parent
BOOKS_DIR = ROOT / "examples" / "textbooks"
RUNS_DIR = Path(__file__).resolve().parent / "runs"
CONTROL = "stateless"
BASELINES = "lora,lora-only,notes,exposition-only,flashcards"


def trim(book: Textbook, items: int | None, chapters: int | None) -> Textbook:
    """The first ``chapters`` chapters, each cut to its first ``items`` exercises and probes."""
    kept = book.chapters[:chapters] if chapters else book.chapters
    if items is not None:
        kept = [ch.model_copy(update={"exercises": ch.exercises[:items],
                                      "probes": ch.probes[:items]}) for ch in kept]
    return book.model_copy(update={"chapters": kept})


def hand_written(pattern: str, *, dev: bool = False) -> list[Path]:
    """The evaluation books matching ``pattern`` (``dev``: the development books instead)."""
    if dev:
        return sorted((BOOKS_DIR / "dev").glob(pattern))
    return sorted(p for p in BOOKS_DIR.glob(pattern) if p.parent.name != "dev")


def run_book(book: Textbook, directory: Path, learners: list[str], seed: int,
             options: dict[str, Any], ray: RayConfig | None = None) -> dict[str, Any]:
    """Run (or resume) the control and every learner on ``book`` (the grid of
    `selftaught.study.grid`, as ``selftaught study`` builds it); write its summary.json."""
    directory.mkdir(parents=True, exist_ok=True)
    arms = (Arm(label="control", learner=CONTROL, control=True, options=options),
            *(Arm(label=n, learner=n, options=options) for n in learners))
    grid = Grid(books=(book,), arms=arms, seeds=(seed,))
    with RunStore(directory / "run.sqlite") as store:
        started = time.perf_counter()
        run_grid(store, open_tracks(store, grid), ray=ray,
                 on_track=lambda t: print(f"  {book.id} seed {seed} {t.arm.label} "
                                          f"(+{time.perf_counter() - started:.0f} s)",
                                          flush=True))
        return write_summary(directory, store)


def partial_measures(entry: dict[str, Any]) -> dict[str, float] | None:
    """The measures of an unfinished track's completed chapters (from summary.json's
    ``unfinished`` entry), or None when it has not completed a chapter. Forgetting and the
    controlled gain need the whole track and are left out."""
    k = entry.get("steps_completed", 0) - 1
    if k < 1 or "control_accuracy_matrix" not in entry:
        return None
    R, C = entry["accuracy_rows"], entry["control_accuracy_matrix"]
    out = {
        "pre-test": float(np.mean(R[0])),
        "post-study": float(np.mean([R[c][c - 1] for c in range(1, k + 1)])),
        "control post-study": float(np.mean([C[c][c - 1] for c in range(1, k + 1)])),
        "CPU-min per chapter": float(np.mean(entry["cpu_seconds_per_chapter"])) / 60,
    }
    LP = entry["answer_logprob_rows"]
    if all(LP[c][c - 1] is not None for c in range(1, k + 1)):
        out["answer logprob"] = float(np.mean([LP[c][c - 1] for c in range(1, k + 1)]))
        out["logprob gain"] = float(np.mean([LP[c][c - 1] - LP[c - 1][c - 1]
                                             for c in range(1, k + 1)]))
    return out


def measures(summary: dict[str, Any], name: str) -> dict[str, float]:
    """One book-seed's numbers for learner ``name``, read from its summary.json."""
    entry = summary["learners"][name]
    m = {k: v["mean"] for k, v in entry["metrics"].items()}
    R = np.array(entry["accuracy_matrix"][0], dtype=float)
    C = np.array(entry["control_accuracy_matrix"][0], dtype=float)
    T = R.shape[1]
    out = {
        "pre-test": m["pretest/floor"],
        "post-study": m["probe/post_study"],
        "control post-study": float(np.mean([C[c, c - 1] for c in range(1, T + 1)])),
        "controlled gain": m["gain/controlled"],
        "final accuracy": m["probe/final_acc"],
        "CPU-min per chapter": m.get("cost/cpu_minutes_per_chapter", float("nan")),
        "answer logprob": m.get("probe/answer_logprob", float("nan")),
        "logprob gain": m.get("gain/answer_logprob", float("nan")),
        "control answer logprob": float("nan"),
    }
    LPC = entry["control_answer_logprob_matrix"][0]
    if LPC is not None:
        arr = np.array(LPC, dtype=float)
        out["control answer logprob"] = float(np.nanmean([arr[c, c - 1]
                                                          for c in range(1, T + 1)]))
    if T >= 2:
        out["forgetting"] = float(np.mean(forgetting(R)))
    return {k: (float("nan") if v is None else float(v)) for k, v in out.items()}


def targets_table(per_group: dict[tuple[str, str], list[dict[str, float]]],
                  learners: list[str]) -> str:
    """The issue's targets table as markdown: one row per measure and group, one column per
    learner (the control first), each cell ``mean [95% CI] (n)`` over books × seeds."""

    def cell(values: list[dict[str, float]], measure: str) -> str:
        series = [v[measure] for v in values if measure in v and np.isfinite(v[measure])]
        if not series:
            return "–"
        mean, lo, hi = bootstrap_ci(series)
        return f"{mean:.2f}" + ("" if len(series) == 1 else f" [{lo:.2f}, {hi:.2f}]") + \
            f" (n={len(series)})"

    groups = list(dict.fromkeys(g for g, _ in per_group))
    rows = [("pre-test", "≤ 0.10"), ("post-study", "≥ 0.80"), ("forgetting", "≤ 0.10"),
            ("CPU-min per chapter", "≤ 2"), ("logprob gain", "> 0")]
    header = ["measure", "group", "target", "control", *learners]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for measure, goal in rows:
        for group in groups:
            first = next((per_group[(group, n)] for n in learners if (group, n) in per_group), [])
            control = cell(first, "control post-study") if measure == "post-study" else "–"
            cells = [cell(per_group.get((group, n), []), measure) for n in learners]
            lines.append("| " + " | ".join([measure, group, goal, control, *cells]) + " |")
    return "\n".join(lines)


def parse_variant(spec: str) -> tuple[str, str, dict[str, Any]]:
    """``LABEL=KIND`` or ``LABEL=KIND:{json}`` -> (label, kind, options).

    >>> parse_variant('slow=lora:{"learning_rate": 0.0003}')
    ('slow', 'lora', {'learning_rate': 0.0003})
    >>> parse_variant("h=hybrid")
    ('h', 'hybrid', {})
    """
    label, sep, rest = spec.partition("=")
    kind, _, raw = rest.partition(":")
    if not sep or not label.strip() or not kind.strip():
        raise typer.BadParameter(f"--variant {spec!r}: expected LABEL=KIND or "
                                 "LABEL=KIND:{json options}")
    try:
        extra = json.loads(raw) if raw.strip() else {}
    except json.JSONDecodeError as exc:
        raise typer.BadParameter(f"--variant {spec!r}: options are not JSON ({exc})") from exc
    if not isinstance(extra, dict):
        raise typer.BadParameter(f"--variant {spec!r}: options must be a JSON object")
    return label.strip(), kind.strip(), extra


def collect(per_group: dict[tuple[str, str], list[dict[str, float]]], missing: list[str],
            partial: list[str], group: str, label: str, learner: str,
            summaries: list[dict[str, Any]], where: str) -> None:
    """Add column ``label``'s measures (learner kind ``learner``) of one book-seed, from the
    first summary that finished it, else from its completed chapters."""
    found = next((x for x in summaries if learner in x["learners"]), None)
    if found is not None:
        per_group.setdefault((group, label), []).append(measures(found, learner))
        return
    entries = [u for x in summaries for u in x["unfinished"]
               if u["learner"] == learner and not u["control"]]
    if not entries:
        return  # not run on this book (e.g. a baseline run on generated books only)
    part = partial_measures(entries[0])
    if part is None:
        missing.append(f"{where}: {label} (no chapter completed)")
        return
    done = entries[0]["steps_completed"] - 1
    partial.append(f"{where}: {label} after {done} chapter(s)")
    per_group.setdefault((group, label), []).append(part)


TARGETS = (("pre-test", "≤ 0.10", lambda v: v <= 0.10),
           ("post-study", "≥ 0.80", lambda v: v >= 0.80),
           ("forgetting", "≤ 0.10", lambda v: v <= 0.10),
           ("CPU-min per chapter", "≤ 2", lambda v: v <= 2.0))


def main(
    seeds: Annotated[int, typer.Option(min=0, help="Generated books per domain.")] = 3,
    first_seed: Annotated[int, typer.Option(min=0, help="Seed of the first generated book "
                                                        "(parallel invocations split seeds).")]
    = 0,
    domains: Annotated[str, typer.Option(help="Comma-separated generator domains "
                                              "('' for none).")] = "language",
    books: Annotated[str, typer.Option(help="Glob of hand-written books under "
                                            "examples/textbooks ('' for none).")] = "*.md",
    chapters: Annotated[int, typer.Option(min=1, help="Chapters per book (a prefix).")] = 3,
    items: Annotated[int | None, typer.Option(min=1, help="Keep the first K exercises and "
                                                          "probes per chapter.")] = None,
    learners: Annotated[str, typer.Option(help="Comma-separated learners.")] = BASELINES,
    model: Annotated[str, typer.Option()] = "smollm2-135m-instruct",
    option: Annotated[list[str] | None, typer.Option(
        "--option", "-o", help="Learner option KEY=VALUE (JSON value), every learner.")] = None,
    quick: Annotated[bool, typer.Option(
        "--quick", help="Smoke run: tiny-random, the first hand-written book, 2 chapters × 2 "
        "items, 1 seed.")] = False,
    run_root: Annotated[Path | None, typer.Option(
        help="Default benchmarks/runs/learners-…")] = None,
    results_dir: Annotated[Path, typer.Option()] = RESULTS_DIR,
    name: Annotated[str, typer.Option(help="Result file name under results-dir.")] = "learners",
    dev: Annotated[bool, typer.Option("--dev", help="Use the development books (for tuning) "
                                      "instead of the evaluation books.")] = False,
    tabulate_only: Annotated[bool, typer.Option(
        "--tabulate-only", help="Run nothing: tabulate the finished tracks under --run-root "
        "(e.g. after books were run by parallel invocations).")] = False,
    ray: Annotated[str | None, typer.Option(help="Run each book's tracks on Ray: local, auto "
                                                 "or a cluster address.")] = None,
    workers: Annotated[int | None, typer.Option(min=1, help="With --ray: tracks at once.")]
    = None,
    also_run_root: Annotated[list[Path] | None, typer.Option(
        help="With --tabulate-only: more run roots whose book directories hold learners "
        "run by other invocations (repeatable).")] = None,
    variant: Annotated[list[str] | None, typer.Option(
        "--variant", help="LABEL=KIND or LABEL=KIND:{json options}: one more column, a "
        "registered kind with its own options on top of --option (repeatable; each runs in "
        "its own run directory <book>-s<seed>-<LABEL> with its own control).")] = None,
) -> None:
    """Run (or resume) every book × learner, then tabulate the targets with CIs."""
    options: dict[str, Any] = {}
    for pair in option or []:
        key, _, raw = pair.partition("=")
        try:
            options[key] = json.loads(raw)
        except json.JSONDecodeError:
            options[key] = raw
    if quick:
        model, seeds, chapters, items = "tiny-random", 1, 2, 2
        options = {"rank": 2, "study_steps": 2, "batch_size": 2, "max_answer_tokens": 4,
                   "max_code_tokens": 8, **options}
        name = "learners-quick" if name == "learners" else name
    options["model"] = model
    names = [n.strip() for n in learners.split(",") if n.strip()]
    variants = [parse_variant(v) for v in variant or []]
    columns = [*names, *(label for label, _, _ in variants)]
    root = run_root or RUNS_DIR / f"{name}-{model}-c{chapters}-i{items or 'all'}"
    jobs: list[tuple[str, Textbook, int]] = []
    paths = hand_written(books, dev=dev) if books else []
    if quick:
        paths = paths[:1]
    for path in paths:
        group = "dev" if dev else "hand-written"
        jobs.append((group, trim(load_textbook(path), items, chapters), 0))
    from selftaught.generators import generate

    for domain in [d.strip() for d in domains.split(",") if d.strip()]:
        for s in range(first_seed, first_seed + seeds):
            book = generate(domain, seed=s, chapters=chapters)
            jobs.append((domain, trim(book, items, None), s))
    started = time.perf_counter()
    per_group: dict[tuple[str, str], list[dict[str, float]]] = {}
    sources: list[str] = []
    missing: list[str] = []
    partial: list[str] = []
    for group, book, seed in jobs:
        runs = [("", [(n, n) for n in names], options)] if names else []
        runs += [(f"-{label}", [(label, kind)], {**options, **extra})
                 for label, kind, extra in variants]
        for suffix, labelled, run_options in runs:
            directory = root / f"{book.id}-s{seed}{suffix}"
            if tabulate_only:
                stores = [d for d in [directory, *(r / directory.name
                                                   for r in also_run_root or [])]
                          if (d / "run.sqlite").exists()]
                if not stores:
                    missing.append(f"{book.id} seed {seed}{suffix}: not run")
                    continue
                for store_dir in stores:
                    with RunStore(store_dir / "run.sqlite") as store:
                        write_summary(store_dir, store)
            else:
                print(f"{group}: {book.id} seed {seed} -> {directory}", flush=True)
                run_book(book, directory, [kind for _, kind in labelled], seed, run_options,
                         None if ray is None else RayConfig(address=ray, workers=workers))
                stores = [directory]
            summaries = [read_summary(d) for d in stores]
            sources += [str((d / "summary.json").relative_to(ROOT)) if d.is_relative_to(ROOT)
                        else str(d / "summary.json") for d in stores]
            for label, learner in labelled:
                collect(per_group, missing, partial, group, label, learner, summaries,
                        f"{book.id} seed {seed}")
    rows: list[dict[str, Any]] = []
    targets: list[dict[str, Any]] = []
    for (group, learner), values in per_group.items():
        for measure in dict.fromkeys(m for v in values for m in v):
            series = [v[measure] for v in values if measure in v and np.isfinite(v[measure])]
            if not series:
                continue
            mean, lo, hi = bootstrap_ci(series)
            rows.append({"group": group, "learner": learner, "measure": measure, "mean": mean,
                         "ci95": "n=1" if len(series) == 1 else f"[{lo:.2f}, {hi:.2f}]",
                         "n": len(series), "values": ", ".join(f"{x:.2f}" for x in series)})
        for measure, goal, ok in TARGETS:
            series = [v[measure] for v in values if measure in v and np.isfinite(v[measure])]
            if series:
                value = float(np.mean(series))
                targets.append({"target": f"{group} {learner}: {measure}", "goal": goal,
                                "measured": round(value, 3), "met": bool(ok(value))})
    report = Report(
        name=name, rows=rows,
        columns=["group", "learner", "measure", "mean", "ci95", "n", "values"],
        targets=targets,
        notes=[f"{len(jobs)} books ({', '.join(b.id for _, b, _ in jobs)}), {chapters} chapters, "
               f"items per chapter {items or 'all'}, learners {names} + control; "
               f"this invocation's wall time {(time.perf_counter() - started) / 60:.1f} min",
               "every number is read from the summary.json files listed in config.summaries",
               *(["not measured (did not finish): " + "; ".join(missing)] if missing else []),
               *(["measured on the chapters completed when the run was stopped (pre-test, "
                  "post-study, control, log-prob, CPU only; no forgetting): "
                  + "; ".join(partial)] if partial else []),
               load_note(),
               "targets table (cells: mean [95% CI] (n) over books × seeds):\n\n"
               + targets_table(per_group, columns)],
        config={"seeds": seeds, "first_seed": first_seed, "domains": domains, "books": books,
                "chapters": chapters,
                "items": items, "learners": names,
                "variants": [{"label": lb, "kind": k, "options": o} for lb, k, o in variants],
                "model": model, "options": options,
                "run_root": str(root),
                "also_run_roots": [str(r) for r in also_run_root or []], "summaries": sources},
        summary={f"{t['target']}": t["measured"] for t in targets},
    )
    finish(report, results_dir)


if __name__ == "__main__":
    typer.run(main)
