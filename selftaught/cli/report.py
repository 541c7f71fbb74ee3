"""CLI: ``selftaught report RUN_DIR``: rebuild a run's HTML report from its SQLite store.

Why a command of its own: the report is a pure function of the run store, so it
can be rebuilt at any time (after a crash, after a selftaught upgrade, on
another machine) without rerunning anything. The same command exports the
run's metrics to TensorBoard (``--tensorboard DIR``) or to an offline Weights &
Biases run (``--wandb``), with the hierarchical names of `selftaught.metrics`.

Heavy imports (matplotlib, torch's TensorBoard writer, wandb) happen inside the
command, so registering it costs the rest of the CLI nothing.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

console = Console()
err_console = Console(stderr=True)


def register(app: typer.Typer) -> None:
    """Add the ``report`` command to the top-level app."""
    app.command("report")(report)


def report(
    run_dir: Annotated[Path, typer.Argument(help="Run directory holding run.sqlite "
                                                 "(e.g. runs/<id>).")],
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Where to write the HTML "
                                             "(default: RUN_DIR/report.html).")] = None,
    tensorboard: Annotated[Path | None, typer.Option(help="Also export the run's metrics as "
                                                     "TensorBoard event files under DIR.")] = None,
    wandb: Annotated[bool, typer.Option("--wandb", help="Also export the run's metrics to "
                                        "Weights & Biases, offline.")] = False,
    wandb_project: Annotated[str, typer.Option(help="W&B project name.")] = "selftaught",
    wandb_dir: Annotated[Path | None, typer.Option(help="Folder for the offline W&B runs "
                                                   "(default: RUN_DIR).")] = None,
) -> None:
    """Rebuild RUN_DIR/report.html from the run store alone; optionally export to trackers."""
    from selftaught.fileio import check_output_dir
    from selftaught.metatrain.store import TrainStoreError
    from selftaught.report import ReportError, build_report
    from selftaught.report.training import TRAIN_STORE_FILE, build_training_report
    from selftaught.tracking import (
        WANDB_INSTALL_HINT,
        MetricLogger,
        TensorBoardLogger,
        TrackingError,
        WandbLogger,
        export_run,
    )

    for flag, directory in (("--tensorboard", tensorboard), ("--wandb-dir", wandb_dir)):
        if directory is not None:
            check_output_dir(directory, flag)  # before any work: one error, nothing written
    if out is not None:
        check_output_dir(out.parent, "--out")
    try:
        if wandb and importlib.util.find_spec("wandb") is None:  # fail before any work
            raise TrackingError(f"--wandb needs the optional package wandb, which is not "
                                f"installed; {WANDB_INSTALL_HINT}")
        if (run_dir / TRAIN_STORE_FILE).exists():  # a `selftaught train` run
            with console.status("building the training report"):
                path = build_training_report(run_dir, out)
            console.print(f"report written to {path}", highlight=False)
            return
        with console.status("building the report (metrics, plots)"):
            path = build_report(run_dir, out)
        console.print(f"report written to {path}", highlight=False)
        if tensorboard is not None:
            tb_root = tensorboard

            def open_tb(name: str) -> MetricLogger:
                return TensorBoardLogger(tb_root / name)

            with console.status("exporting to TensorBoard"):
                names = export_run(run_dir, open_tb)
            console.print(f"TensorBoard: {len(names)} series under {tensorboard} "
                          f"(view: tensorboard --logdir {tensorboard})", highlight=False)
        if wandb:
            root = wandb_dir or (run_dir.parent if run_dir.is_file() else run_dir)
            group = (run_dir.parent if run_dir.is_file() else run_dir).resolve().name

            def open_wandb(name: str) -> MetricLogger:
                return WandbLogger(wandb_project, root, name=f"{group}/{name}", group=group)

            with console.status("exporting to Weights & Biases (offline)"):
                names = export_run(run_dir, open_wandb)
            console.print(f"W&B (offline): {len(names)} runs under {root / 'wandb'} "
                          f"(upload later: wandb sync {root / 'wandb'}/offline-run-*)",
                          highlight=False)
    except (ReportError, TrackingError, TrainStoreError) as error:
        err_console.print(f"[red]error:[/red] {escape(str(error))}", highlight=False,
                          soft_wrap=True)
        raise typer.Exit(2) from None
