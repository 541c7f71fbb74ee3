"""CLI: one progress bar over the study steps of a grid's tracks (``run`` and ``study``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from selftaught.study import GridTrack, RunStore, completed_steps

TrackFn = Callable[[GridTrack], None]
StepFn = Callable[[GridTrack, int], None]


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
