"""Experiment tracking: study metrics to TensorBoard or Weights & Biases (offline).

``loggers.py`` holds the `MetricLogger` protocol and its two trackers;
``export.py`` turns a track's event log into hierarchical metrics per step
(`track_metrics`, `log_track`) and exports a finished run (`export_run`), used by
``selftaught report RUN --tensorboard DIR`` / ``--wandb``.
"""

from selftaught.tracking.export import OpenLogger, export_run, log_track, track_metrics
from selftaught.tracking.loggers import (
    WANDB_INSTALL_HINT,
    MetricLogger,
    TensorBoardLogger,
    TrackingError,
    WandbLogger,
)

__all__ = [
    "WANDB_INSTALL_HINT",
    "MetricLogger",
    "OpenLogger",
    "TensorBoardLogger",
    "TrackingError",
    "WandbLogger",
    "export_run",
    "log_track",
    "track_metrics",
]
