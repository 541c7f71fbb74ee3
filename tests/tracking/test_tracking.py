"""Tracking: hierarchical metrics per step, TensorBoard files read back, offline W&B runs."""

from __future__ import annotations

import importlib.util
from dataclasses import asdict
from pathlib import Path

import pytest
from typer.testing import CliRunner

from selftaught.cli.main import app
from selftaught.generators import generate
from selftaught.learners import make_learner
from selftaught.metrics import MetricCard
from selftaught.study import RunStore, StudyConfig, book_hash, run_track
from selftaught.tracking import (
    MetricLogger,
    TensorBoardLogger,
    TrackingError,
    WandbLogger,
    export_run,
    log_track,
    track_metrics,
)
from selftaught.types import StudyEvent

T = 2


class ListLogger:
    """A `MetricLogger` that remembers what it was given."""

    def __init__(self) -> None:
        self.rows: list[tuple[int, dict[str, float]]] = []
        self.closed = False

    def log(self, metrics: dict[str, float], step: int) -> None:
        assert not self.closed
        self.rows.append((step, dict(metrics)))

    def close(self) -> None:
        self.closed = True


def _track(store: RunStore, learner: str, seed: int, control: bool) -> list[StudyEvent]:
    book = generate("language", seed=seed, chapters=T)
    config = StudyConfig(seed=seed)
    track = store.add_track(learner=learner, book_id=book.id, book_hash=book_hash(book),
                            seed=seed, control=control, config=asdict(config))
    return run_track(store, track, book, make_learner(learner, book=book, seed=seed), config)


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[tuple[int, bool], list]]:
    """``forgetful`` + control over 2 seeds: learns each chapter, forgets the previous one."""
    run_dir = tmp_path_factory.mktemp("run")
    with RunStore(run_dir / "run.sqlite") as store:
        logs = {(s, c): _track(store, "forgetful", s, c) for s in (0, 1) for c in (False, True)}
    return run_dir, logs


def test_track_metrics_follow_the_accuracy_matrix(run: tuple[Path, dict]) -> None:
    _, logs = run
    steps = track_metrics(logs[(0, False)], T, control_events=logs[(0, True)])
    assert sorted(steps) == [0, 1, 2]
    # forgetful: knows only the chapter it studied last
    assert steps[0]["probe/chapter_1/acc"] == 0.0
    assert steps[1]["probe/chapter_1/acc"] == 1.0
    assert steps[2]["probe/chapter_1/acc"] == 0.0 and steps[2]["probe/chapter_2/acc"] == 1.0
    assert steps[2]["probe/mean_acc"] == 0.5
    assert steps[1]["gain/chapter_1/controlled"] == 1.0
    assert "gain/chapter_2/controlled" in steps[2] and "gain/chapter_1/raw" not in steps[0]
    assert steps[1]["cost/chapter_1/tokens"] > 0
    assert steps[1]["practice/chapter_1/acc"] == 1.0
    # the last step agrees with the metric card's per-seed names and values
    card = MetricCard.from_tracks([(logs[(0, False)], logs[(0, True)])], T)
    for name, value in card.to_dict().items():
        if name in steps[T]:
            assert steps[T][name] == pytest.approx(value), name
    assert "probe/chapter_2/acc" in card.to_dict()
    without = track_metrics(logs[(0, False)], T)
    assert not any("controlled" in name for row in without.values() for name in row)


def test_log_track_logs_steps_in_order(run: tuple[Path, dict]) -> None:
    _, logs = run
    logger = ListLogger()
    assert isinstance(logger, MetricLogger)
    log_track(logger, logs[(1, False)], T, control_events=logs[(1, True)])
    assert [step for step, _ in logger.rows] == [0, 1, 2]


def test_track_metrics_refuse_an_incomplete_log(run: tuple[Path, dict]) -> None:
    _, logs = run
    with pytest.raises(ValueError, match="no probe events"):
        track_metrics(logs[(0, False)][:5], T)


def test_tensorboard_event_files_read_back(run: tuple[Path, dict], tmp_path: Path) -> None:
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    run_dir, _ = run
    names = export_run(run_dir, lambda name: TensorBoardLogger(tmp_path / name))
    assert names == ["forgetful/seed_0", "forgetful/seed_1", "forgetful/card"]
    seed0 = EventAccumulator(str(tmp_path / "forgetful" / "seed_0"))
    seed0.Reload()
    assert "probe/chapter_1/acc" in seed0.Tags()["scalars"]
    series = [(e.step, e.value) for e in seed0.Scalars("probe/chapter_1/acc")]
    assert series == [(0, 0.0), (1, 1.0), (2, 0.0)]
    assert [e.value for e in seed0.Scalars("gain/chapter_2/controlled")] == [1.0]
    card = EventAccumulator(str(tmp_path / "forgetful" / "card"))
    card.Reload()
    tags = card.Tags()["scalars"]
    assert {"gain/controlled", "gain/controlled/ci_lo", "meta/n_seeds"} <= set(tags)
    assert [(e.step, e.value) for e in card.Scalars("meta/n_seeds")] == [(T, 2.0)]


def test_closed_tensorboard_logger_refuses_to_log(tmp_path: Path) -> None:
    logger = TensorBoardLogger(tmp_path)
    logger.log({"a/b": 1.0}, 0)
    logger.close()
    with pytest.raises(TrackingError, match="closed"):
        logger.log({"a/b": 2.0}, 1)
    with TensorBoardLogger(tmp_path / "x") as other, pytest.raises(ValueError, match="step"):
        other.log({"a": 1.0}, -1)


@pytest.mark.skipif(importlib.util.find_spec("wandb") is None,
                    reason="wandb is not installed (optional extra: selftaught[tracking])")
def test_wandb_offline_run_dir_is_created(run: tuple[Path, dict], tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    # keep the user's home clean: wandb-core writes its debug logs under XDG_CACHE_HOME
    for var in ("WANDB_CONFIG_DIR", "WANDB_CACHE_DIR", "WANDB_DATA_DIR", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, str(tmp_path / "home" / var.lower()))
    monkeypatch.setenv("WANDB_DISABLE_GIT", "true")
    _, logs = run
    with WandbLogger("selftaught-test", tmp_path, name="forgetful/seed_0") as logger:
        assert isinstance(logger, MetricLogger)
        log_track(logger, logs[(0, False)], T, control_events=logs[(0, True)])
        run_dir = logger.run_dir
    assert run_dir.parent == tmp_path / "wandb"
    assert run_dir.name.startswith("offline-run-")
    assert list(run_dir.glob("run-*.wandb")), sorted(p.name for p in run_dir.iterdir())


def test_wandb_missing_gives_the_install_hint(run: tuple[Path, dict], tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "wandb", None)  # makes `import wandb` raise ImportError
    with pytest.raises(TrackingError, match=r"selftaught\[tracking\]"):
        WandbLogger("p", tmp_path)
    run_dir, _ = run
    out = tmp_path / "r.html"
    result = CliRunner().invoke(app, ["report", str(run_dir), "-o", str(out), "--wandb"])
    assert result.exit_code == 2
    assert "selftaught[tracking]" in result.output and "Traceback" not in result.output
    assert not out.exists()  # refused before doing any work


def test_cli_exports_to_tensorboard(run: tuple[Path, dict], tmp_path: Path) -> None:
    run_dir, _ = run
    result = CliRunner().invoke(app, ["report", str(run_dir), "-o", str(tmp_path / "r.html"),
                                      "--tensorboard", str(tmp_path / "tb")])
    assert result.exit_code == 0, result.output
    assert "3 series" in result.output
    assert list((tmp_path / "tb" / "forgetful" / "seed_1").glob("events.out.tfevents.*"))
