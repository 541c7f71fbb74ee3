"""The grid in one process: track layout, resume mapping, refusal of another grid's store."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers_grid import ARMS, logs, open_grid, small_grid

from selftaught.learners import make_learner
from selftaught.study import Arm, Grid, RunStoreError, open_tracks, run_grid
from selftaught.study.grid import reuse_first


def test_tracks_are_created_book_by_book_in_arm_order(tmp_path: Path) -> None:
    grid = small_grid()
    store, tracks = open_grid(tmp_path / "run.sqlite", grid)
    with store:
        got = [(t.book_index, t.arm.label, t.record.learner, t.record.seed, t.record.control)
               for t in tracks]
    assert got == [(b, a.label, a.learner, b, a.control) for b in range(2) for a in ARMS]


def test_reopening_maps_the_same_tracks_and_creates_only_missing_ones(tmp_path: Path) -> None:
    grid = small_grid()
    path = tmp_path / "run.sqlite"
    store, _ = open_grid(path, Grid(books=grid.books[:1], arms=grid.arms,
                                     curve_every=grid.curve_every))
    store.close()  # a run killed after creating book 0's tracks
    store, tracks = open_grid(path, grid)
    with store:
        assert [t.id for t in tracks] == [t.id for t in store.tracks()] == list(range(1, 7))
        again = open_tracks(store, grid)
    assert [(t.id, t.arm) for t in again] == [(t.id, t.arm) for t in tracks]


def test_a_store_of_another_grid_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "run.sqlite"
    open_grid(path, small_grid())[0].close()
    other = Grid(books=small_grid().books, arms=(Arm("oracle", "oracle"), *ARMS[1:]),
                 curve_every=2)
    with pytest.raises(RunStoreError, match=r"track 1 is random .* this run's track 1 is oracle"):
        open_grid(path, other)
    with pytest.raises(RunStoreError, match="6 tracks, but this run has 3"):
        open_grid(path, Grid(books=small_grid().books[:1], arms=ARMS, curve_every=2))


def test_grid_checks_its_shape() -> None:
    books = small_grid().books
    with pytest.raises(ValueError, match="labels must be unique"):
        Grid(books=books, arms=(ARMS[0], ARMS[0]))
    with pytest.raises(ValueError, match="3 seeds for 2 books"):
        Grid(books=books, arms=ARMS, seeds=(0, 1, 2))


def test_run_grid_equals_tracks_run_one_by_one(tmp_path: Path) -> None:
    """Reusing the early-built learner for the first track changes nothing."""
    grid = small_grid()
    store, tracks = open_grid(tmp_path / "a" / "run.sqlite", grid)
    with store:
        run_grid(store, tracks)
    store, tracks = open_grid(tmp_path / "b" / "run.sqlite", grid)
    with store:
        first = make_learner("random", book=grid.books[0], seed=0)
        run_grid(store, tracks, build=reuse_first(first))
    assert logs(tmp_path / "a" / "run.sqlite") == logs(tmp_path / "b" / "run.sqlite")
    assert all(len(log) > 0 for log in logs(tmp_path / "a" / "run.sqlite"))


def test_workers_without_ray_is_one_input_error(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from selftaught.cli.main import app

    result = CliRunner().invoke(app, ["study", "arithmetic", "--learner", "oracle", "--workers",
                                      "2", "--run-dir", str(tmp_path / "run")])
    assert result.exit_code == 2
    assert "--workers: only with --ray" in result.output
    assert not (tmp_path / "run").exists()  # refused before anything was written
