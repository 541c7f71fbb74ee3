"""Meta-training algorithms by name: ``selftaught train --algorithm NAME``.

Every algorithm is one entry of `REGISTRY`: a function that takes the run's config, its
directory and resume flag, builds the components it needs from the config (the loops
themselves take only the few values they use), trains, and returns the trained model
as a plain HF directory, ``<run dir>/model`` -- loadable by ``selftaught run/study/serve
--model`` and evaluated against the frozen base by `selftaught.metatrain.evaluate`.

=========  =================================================================
name       formulation
=========  =================================================================
rest-em    self-edits, SEAL's ReST-EM: keep the best of K edits, imitate it
pg         self-edits, group policy gradient on the progress reward (GRPO)
=========  =================================================================

To add a formulation, write its loop in its own module and register an adapter here
(`register`), and add its name to `selftaught.metatrain.config.ALGORITHMS`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from selftaught.metatrain.config import MetaTrainConfig
from selftaught.metatrain.store import IterationRecord
from selftaught.metatrain.trainer import export_run, train

OnIteration = Callable[[IterationRecord], None]
OnScored = Callable[[Any], None]


@dataclass(frozen=True)
class Callbacks:
    """Progress hooks an algorithm may call (the CLI's progress bar and lines)."""

    on_iteration: OnIteration | None = None
    on_scored: OnScored | None = None


TrainFn = Callable[[MetaTrainConfig, Path, bool, Callbacks], Path]
"""(config, run directory, resume, callbacks) -> the trained model directory."""


@dataclass(frozen=True)
class Algorithm:
    name: str
    summary: str
    run: TrainFn


REGISTRY: dict[str, Algorithm] = {}


def register(name: str, summary: str, run: TrainFn) -> None:
    """Add an algorithm; a taken name is an error."""
    if name in REGISTRY:
        raise ValueError(f"algorithm {name!r} is already registered")
    REGISTRY[name] = Algorithm(name, summary, run)


def train_self_edits(config: MetaTrainConfig, directory: Path, resume: bool,
                     callbacks: Callbacks) -> Path:
    """ReST-EM or policy gradient on self-edits (``config.algorithm``), then the export."""
    train(config, directory, resume=resume, on_iteration=callbacks.on_iteration,
          on_scored=callbacks.on_scored)
    return export_run(directory)


def run_algorithm(config: MetaTrainConfig, directory: Path, *, resume: bool = False,
                  callbacks: Callbacks | None = None) -> Path:
    """Train with ``config.algorithm``; returns the model directory."""
    if config.algorithm not in REGISTRY:
        raise ValueError(f"algorithm: unknown {config.algorithm!r} "
                         f"(expected one of: {', '.join(REGISTRY)})")
    return REGISTRY[config.algorithm].run(config, directory, resume, callbacks or Callbacks())


register("rest-em", "self-edits, ReST-EM (SEAL): keep the best of K edits, imitate it",
         train_self_edits)
register("pg", "self-edits, group policy gradient on the progress reward (GRPO-style)",
         train_self_edits)
