"""CLI: ``selftaught train`` -- meta-train a model to learn, then evaluate it honestly.

Why one command does both: a meta-training run is only meaningful with its
evaluation on unseen books (the same learner on the meta-trained model vs on the
frozen base model, each against its control), so ``train`` ends with it
(``--no-eval`` skips it; ``--eval-only RUN`` evaluates a run's last checkpoint later).
``--algorithm NAME`` picks the formulation (`selftaught.metatrain.algorithms`); every
algorithm leaves the trained model in ``<run dir>/model``. Every `MetaTrainConfig` field can be set
with ``--set FIELD=VALUE`` (VALUE read as JSON, else text); the common ones have
their own options.

Run directory (default ``runs/train-<UTC time>/``): ``train.sqlite`` (config,
per-iteration metrics, every scored self-edit), ``checkpoints/`` (policy after
every iteration), ``model/`` (the exported model), ``eval/iter_<n>/`` (evaluation run
store and ``summary.json``).
``--resume`` continues a killed run after its last completed iteration; with no
config options it reuses the stored config, with options they must match it.
"""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from selftaught.cli.backend import BackendOpt, BaseUrlOpt, apply_backend
from selftaught.fileio import check_output_dir
from selftaught.learners import LearnerStateError
from selftaught.limits import MAX_EDITS_PER_CHAPTER, MAX_STEPS
from selftaught.metatrain import (
    ALGORITHMS,
    Comparison,
    ConfigError,
    IterationRecord,
    MetaTrainConfig,
    Paired,
    TrainRunError,
    TrainStoreError,
    eval_books,
    evaluate_run,
    stored_config,
)
from selftaught.metatrain.algorithms import Callbacks, check_backend, run_algorithm
from selftaught.metatrain.evaluate import ROLES
from selftaught.metatrain.export import ExportError
from selftaught.models import CheckpointError, ModelLoadError
from selftaught.study import RunStoreError, StudyRunError

console = Console()
err_console = Console(stderr=True)

ITERATION_COLUMNS: tuple[tuple[str, str], ...] = (
    ("reward/mean", "reward mean"),
    ("reward/std", "std"),
    ("reward/frac_positive", "frac > 0"),
    ("reward/group_max_mean", "best/chapter"),
    ("edit/parse_rate", "parsed"),
    ("reward/dense_gain_mean", "logprob gain"),
    ("val/reward_mean", "val reward"),
)


def register(app: typer.Typer) -> None:
    """Add the ``train`` command to the top-level app."""
    app.command("train")(train_command)


def train_command(
    algorithm: Annotated[str | None, typer.Option(
        help=f"Meta-training algorithm: {', '.join(ALGORITHMS)}.")] = None,
    model: Annotated[str | None, typer.Option(help="Base model name or local HF "
                                                   "directory.")] = None,
    iterations: Annotated[int | None, typer.Option(min=1, max=MAX_STEPS,
                                                   help="Outer iterations.")] = None,
    edits_per_chapter: Annotated[int | None, typer.Option(
        "--edits-per-chapter", "-k", min=1, max=MAX_EDITS_PER_CHAPTER,
        help="K self-edits per chapter (group size).")] = None,
    quick: Annotated[bool, typer.Option("--quick", help="Smoke run: tiny settings.")] = False,
    set_: Annotated[list[str] | None, typer.Option("--set", help="Config FIELD=VALUE, "
                    "repeatable (VALUE as JSON, else text), e.g. train_seeds=[1,2].")] = None,
    run_dir: Annotated[Path | None, typer.Option(help="Run directory (default runs/train-"
                                                      "<time>).")] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Continue the run in "
                                                          "--run-dir.")] = False,
    no_eval: Annotated[bool, typer.Option("--no-eval", help="Skip the final "
                                                            "evaluation.")] = False,
    eval_only: Annotated[Path | None, typer.Option(help="Only evaluate the last checkpoint "
                                                        "of this run directory.")] = None,
    eval_iteration: Annotated[int | None, typer.Option(min=1, help="With --eval-only: the "
                              "policy after this iteration.")] = None,
    tensorboard: Annotated[Path | None, typer.Option(help="Also write every iteration's "
                           "metrics (from the store) as TensorBoard scalars here.")] = None,
    backend: BackendOpt = "local",
    base_url: BaseUrlOpt = None,
) -> None:
    """Meta-train a model to learn; evaluate it on unseen textbooks vs the frozen base."""
    apply_backend(backend, base_url, needs_service="meta-training trains a self-edit policy")
    try:
        if eval_only is not None:
            evaluate_and_print(eval_only, iteration=eval_iteration)
            return
        overrides: dict[str, Any] = {
            k: v for k, v in (("algorithm", algorithm), ("model", model),
                              ("iterations", iterations),
                              ("edits_per_chapter", edits_per_chapter)) if v is not None
        }
        overrides.update(_parse_sets(set_ or []))
        directory = run_dir or Path("runs") / f"train-{datetime.now(UTC):%Y%m%d-%H%M%S}"
        check_output_dir(directory, "--run-dir")  # before the header, before any work
        if tensorboard is not None:
            check_output_dir(tensorboard, "--tensorboard")
        if resume and not overrides and not quick:
            config = stored_config(directory)
        else:
            base = MetaTrainConfig.quick() if quick else MetaTrainConfig()
            config = base.with_overrides(overrides)
        check_backend(config, evaluate=not no_eval)
        records = train_and_print(config, directory, resume=resume)
        if tensorboard is not None and records:
            export_tensorboard(records, tensorboard)
        if not no_eval:
            evaluate_and_print(directory)
    except (ConfigError, TrainRunError, TrainStoreError, RunStoreError, StudyRunError,
            LearnerStateError, CheckpointError, ModelLoadError, ExportError) as error:
        err_console.print(f"[red]error:[/red] {escape(str(error))}", highlight=False,
                          soft_wrap=True)
        raise typer.Exit(2) from None


def _parse_sets(pairs: list[str]) -> dict[str, Any]:
    """``["iterations=3", "train_domain=language"]`` -> ``{"iterations": 3, ...}``."""
    out: dict[str, Any] = {}
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        if not sep or not key.strip():
            raise ConfigError(f"--set {pair!r}: expected FIELD=VALUE, e.g. iterations=3")
        try:
            out[key.strip()] = json.loads(raw)
        except json.JSONDecodeError:
            out[key.strip()] = raw
    return out


def train_and_print(
    config: MetaTrainConfig, directory: Path, *, resume: bool
) -> list[IterationRecord]:
    """Run (or resume) meta-training with a progress bar; print each iteration and a table."""
    console.print(
        f"selftaught train: {config.algorithm}, {config.model}, "
        f"{config.iterations} iteration(s), K={config.edits_per_chapter}, "
        f"{len(config.train_seeds)} training book(s) -> {directory}", highlight=False,
    )
    n_tasks = len(config.train_seeds) * config.chapters
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())
    records: list[IterationRecord] = []
    with Progress(*columns, console=console, transient=True) as progress:
        bar = progress.add_task("iteration", total=config.iterations * n_tasks)

        def scored(_task: Any) -> None:
            progress.advance(bar)

        def finished(record: IterationRecord) -> None:
            records.append(record)
            progress.update(bar, completed=record.iteration * n_tasks)
            console.print(_iteration_line(record), highlight=False)

        model_dir = run_algorithm(config, directory, resume=resume,
                                  callbacks=Callbacks(finished, scored))
    if records:
        console.print(_iteration_table(records))
    if isinstance(model_dir, str):  # a remote backend keeps the trained policy
        console.print(f"metrics stored in {directory}; trained policy on the service at "
                      f"{model_dir} (selftaught serve --backend tinker --state {model_dir})",
                      highlight=False)
    else:
        console.print(f"metrics stored in {directory}; trained model in {model_dir} "
                      f"(selftaught run --model {model_dir})", highlight=False)
    return records


def export_tensorboard(records: list[IterationRecord], log_dir: Path) -> None:
    """Every iteration's metrics as TensorBoard scalars (step = iteration)."""
    from selftaught.tracking.loggers import TensorBoardLogger

    with TensorBoardLogger(log_dir) as logger:
        for record in records:
            logger.log({**record.metrics, "time/seconds": record.seconds}, record.iteration)
    console.print(f"TensorBoard scalars in {log_dir}", highlight=False)


def evaluate_and_print(directory: Path, *, iteration: int | None = None) -> Comparison:
    """Evaluate the run's model with a progress bar; print the gains, the paired difference
    and the ratios."""
    config = stored_config(directory)
    n_books = len(eval_books(config))
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        bar = progress.add_task("evaluation",
                                total=n_books * len(ROLES) * (config.chapters + 1))

        def step(label: str) -> None:
            progress.update(bar, description=label)
            progress.advance(bar)

        summary = evaluate_run(directory, iteration=iteration, on_step=step)
    console.print(_summary_table(summary))
    for label, p in (("controlled gain", summary.gain),
                     ("answer-logprob gain", summary.dense_gain),
                     *((f"controlled gain, {g}", q) for g, q in summary.by_group.items())):
        console.print(f"{label}: {_paired(p)}", highlight=False)
    console.print(f"evaluation stored in {directory / 'eval'}", highlight=False)
    return summary


def _paired(p: Paired) -> str:
    ratio = "n/a (base gain <= 0)" if p.ratio is None else f"{p.ratio:.2f}x"
    return (f"trained {p.trained_mean:+.3f} vs base {p.base_mean:+.3f}, ratio {ratio} "
            f"(target >= 1.5x); paired difference {p.difference:+.3f} {_ci(p.lo, p.hi)} "
            f"over {p.n} book(s)")


def _iteration_line(record: IterationRecord) -> str:
    m = record.metrics
    parts = [f"iteration {record.iteration}"]
    parts += [f"{label} {m[key]:.3f}" for key, label in ITERATION_COLUMNS if key in m]
    parts.append(f"{record.seconds:.0f} s")
    return ", ".join(parts)


def _iteration_table(records: list[IterationRecord]) -> Table:
    table = Table(title="meta-training, per iteration")
    keys = [(k, label) for k, label in ITERATION_COLUMNS if any(k in r.metrics for r in records)]
    table.add_column("iteration", justify="right")
    for _, label in keys:
        table.add_column(label, justify="right")
    table.add_column("seconds", justify="right")
    for r in records:
        table.add_row(str(r.iteration),
                      *(f"{r.metrics[k]:.3f}" if k in r.metrics else "-" for k, _ in keys),
                      f"{r.seconds:.0f}")
    return table


def _summary_table(summary: Comparison) -> Table:
    table = Table(title=f"evaluation on {len(summary.books)} unseen book(s): "
                        f"{summary.trained_model} vs frozen {summary.base_model}")
    for name in ("book", "group", "base gain", "trained gain", "base logprob gain",
                 "trained logprob gain"):
        table.add_column(name, justify="left" if name in ("book", "group") else "right")
    for row in summary.per_book:
        table.add_row(str(row["book"]), str(row["group"]),
                      *(f"{float(row[k]):+.3f}" for k in ("base_gain", "trained_gain",
                                                          "base_dense_gain",
                                                          "trained_dense_gain")))
    return table


def _ci(lo: float, hi: float) -> str:
    return "(n=1)" if math.isnan(lo) or math.isnan(hi) else f"[{lo:.3f}, {hi:.3f}]"
