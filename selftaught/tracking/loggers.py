"""Metric loggers: one small protocol, a TensorBoard and a Weights & Biases implementation.

Why a protocol of two methods: experiment trackers differ in everything but
"record these named scalars at this step" and "flush and close". Code that
logs (`log_track`, `selftaught run`) depends only on `MetricLogger`; which
tracker receives the numbers is the caller's choice, and a test can pass a
list-backed fake.

Names are the hierarchical names of `selftaught.metrics` (``probe/chapter_3/acc``,
``gain/chapter_2/controlled``), which both trackers group by their ``/`` prefixes.

W&B is an optional extra (``pip install 'selftaught[tracking]'``) and is imported
only when a `WandbLogger` is built; it runs in ``offline`` mode by default, so
nothing leaves the machine unless the user later runs ``wandb sync``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal, Protocol, runtime_checkable


class TrackingError(RuntimeError):
    """A tracker cannot be used (missing optional package, closed logger)."""


@runtime_checkable
class MetricLogger(Protocol):
    """Receives named scalar metrics at integer steps."""

    def log(self, metrics: dict[str, float], step: int) -> None:
        """Record each ``name -> value`` at ``step`` (steps need not be contiguous)."""
        ...

    def close(self) -> None:
        """Flush everything to disk and release the tracker; no logging afterwards."""
        ...


def _check(metrics: Mapping[str, float], step: int) -> None:
    if isinstance(step, bool) or not isinstance(step, int) or step < 0:
        raise ValueError(f"step must be an int >= 0, got {step!r}")
    for name, value in metrics.items():
        if not isinstance(name, str) or not name:
            raise ValueError(f"metric names must be non-empty strings, got {name!r}")
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"metric {name!r}: value must be a number, got {value!r}")


class TensorBoardLogger:
    """Writes scalars as TensorBoard event files under ``log_dir`` (``tensorboard --logdir``)."""

    def __init__(self, log_dir: str | Path) -> None:
        from torch.utils.tensorboard import SummaryWriter

        self.log_dir = Path(log_dir)
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self._writer: SummaryWriter | None = SummaryWriter(log_dir=str(self.log_dir))

    def log(self, metrics: dict[str, float], step: int) -> None:
        _check(metrics, step)
        if self._writer is None:
            raise TrackingError(f"TensorBoardLogger({self.log_dir}) is closed")
        for name, value in metrics.items():
            self._writer.add_scalar(name, float(value), global_step=step)

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = None

    def __enter__(self) -> TensorBoardLogger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


WANDB_INSTALL_HINT = "pip install 'selftaught[tracking]' (or: pip install wandb)"


class WandbLogger:
    """Logs to a Weights & Biases run, offline by default (files under ``dir/wandb/``)."""

    def __init__(
        self,
        project: str,
        dir: str | Path,
        mode: Literal["offline", "online", "disabled"] = "offline",
        *,
        name: str | None = None,
        group: str | None = None,
        config: dict[str, Any] | None = None,
    ) -> None:
        try:
            import wandb
        except ImportError:
            raise TrackingError(
                f"--wandb needs the optional package wandb, which is not installed; "
                f"{WANDB_INSTALL_HINT}"
            ) from None
        self.dir = Path(dir)
        self.dir.mkdir(parents=True, exist_ok=True)
        self._run: Any = wandb.init(
            project=project,
            dir=str(self.dir),
            mode=mode,
            name=name,
            group=group,
            config=config,
            reinit="create_new",
            settings=wandb.Settings(console="off", silent=True, x_disable_stats=True),
        )
        self.run_dir = Path(self._run.dir).parent
        """The run's own folder (``dir/wandb/offline-run-<time>-<id>``)."""

    def log(self, metrics: dict[str, float], step: int) -> None:
        _check(metrics, step)
        if self._run is None:
            raise TrackingError(f"WandbLogger({self.dir}) is closed")
        self._run.log({name: float(value) for name, value in metrics.items()}, step=step)

    def close(self) -> None:
        if self._run is not None:
            self._run.finish()
            self._run = None

    def __enter__(self) -> WandbLogger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
