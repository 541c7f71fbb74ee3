"""CLI: what ``run`` and ``study`` share about running a grid: the progress bar, ``--ray``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from selftaught.study import GridTrack, RayConfig, RunInputError, RunStore, completed_steps

TrackFn = Callable[[GridTrack], None]
StepFn = Callable[[GridTrack, int], None]

RayOption = Annotated[str | None, typer.Option(
    "--ray", help="Run tracks on Ray: local (start Ray here), auto (join this machine's "
    "cluster) or a cluster ADDRESS; results are the same as without it.")]
WorkersOption = Annotated[int | None, typer.Option(
    "--workers", min=1, help="With --ray: tracks at once [default: every CPU Ray has].")]


def ray_config(address: str | None, workers: int | None, *, backend: str = "local"
               ) -> RayConfig | None:
    """``--ray`` / ``--workers`` as a `RayConfig` (None: run in this process).

    Only the local backend runs on Ray workers: the backend is chosen per process, and a
    worker builds its learners on its own local service.
    """
    if address is not None and backend != "local":
        raise RunInputError(f"--ray with --backend {backend}: Ray workers run local models; "
                            f"drop --ray (the {backend} service already runs the models "
                            "remotely) or use --backend local")
    if address is None:
        if workers is not None:
            raise RunInputError("--workers: only with --ray (e.g. --ray local --workers 2)")
        return None
    try:
        return RayConfig(address=address, workers=workers)
    except ValueError as error:
        raise RunInputError(str(error)) from None


@contextmanager
def track_progress(
    store: RunStore, tracks: list[GridTrack], console: Console | None = None
) -> Iterator[tuple[TrackFn, StepFn]]:
    """``(on_track, on_step)`` callbacks for `selftaught.study.run_grid`, drawing one bar.

    Steps already complete (a resumed run) count as done from the start.
    """
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        bar = progress.add_task("study", total=sum(t.n_steps for t in tracks),
                                completed=sum(completed_steps(store, t) for t in tracks))

        def on_track(track: GridTrack) -> None:
            progress.update(bar, description=f"seed {track.config.seed} {track.arm.label}")

        def on_step(_track: GridTrack, _step: int) -> None:
            progress.advance(bar)

        yield on_track, on_step
