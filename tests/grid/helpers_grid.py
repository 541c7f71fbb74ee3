"""Shared pieces of the grid tests: a small grid of scripted learners, and how to compare runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from selftaught.generators import generate
from selftaught.study import Arm, Grid, RunStore, open_tracks

ARMS = (Arm("random", "random"), Arm("memoriser", "memoriser"),
        Arm("control", "memoriser", control=True))
"""``random`` draws from its seeded RNG (restored from checkpoints), so a wrong seed, a lost
RNG state or a reordered step shows up as different answers."""


def small_grid(books: int = 2, chapters: int = 2, items: int = 3) -> Grid:
    return Grid(
        books=tuple(generate("arithmetic", seed=s, chapters=chapters, exercises=items,
                             probes=items) for s in range(books)),
        arms=ARMS, curve_every=2,
    )


def logs(path: Path) -> list[list[dict[str, Any]]]:
    """Every track's events in track order, measured seconds aside: what must be identical."""
    with RunStore(path) as store:
        return [[e.model_dump(exclude={"costs": {"seconds"}}) for e in store.events(t.id)]
                for t in store.tracks()]


def statuses(path: Path) -> list[str]:
    with RunStore(path) as store:
        return [t.status for t in store.tracks()]


def open_grid(path: Path, grid: Grid) -> tuple[RunStore, list[Any]]:
    store = RunStore(path)
    return store, open_tracks(store, grid)
