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
icl        in-context (MetaICL): answer a chapter's questions from the notes
           learner's own notes and prompts (`selftaught.metatrain.incontext`)
reptile    weight space (Reptile): move the starting weights toward what the lora
           learner adapts to on each training chapter (`selftaught.metatrain.reptile`)
=========  =================================================================

Each model is evaluated with the learner it was trained for
(`selftaught.metatrain.config.EVALUATED_KIND`).

To add a formulation, write its loop in its own module and register an adapter here
(`register`), and add its name to `selftaught.metatrain.config.ALGORITHMS`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from selftaught.metatrain.config import (
    SELF_EDIT_ALGORITHMS,
    MetaTrainConfig,
    learner_settings,
    training_domains,
)
from selftaught.metatrain.incontext import incontext
from selftaught.metatrain.reptile import reptile
from selftaught.metatrain.store import IterationRecord
from selftaught.metatrain.trainer import MODEL_DIR, TrainRunError, export_run, open_run, train

OnIteration = Callable[[IterationRecord], None]
OnScored = Callable[[Any], None]


@dataclass(frozen=True)
class Callbacks:
    """Progress hooks an algorithm may call (the CLI's progress bar and lines)."""

    on_iteration: OnIteration | None = None
    on_scored: OnScored | None = None


TrainFn = Callable[[MetaTrainConfig, Path, bool, Callbacks], "Path | str"]
"""(config, run directory, resume, callbacks) -> the trained model: its directory, or on a
remote backend the ``tinker://`` sampler path the service keeps it at."""


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
                     callbacks: Callbacks) -> Path | str:
    """ReST-EM or policy gradient on self-edits (``config.algorithm``), then the export; on
    a remote backend (the policy's weights stay on the service) its sampler path instead."""
    records = train(config, directory, resume=resume, on_iteration=callbacks.on_iteration,
                    on_scored=callbacks.on_scored)
    if records and "://" in records[-1].sampler_path:
        return records[-1].sampler_path
    return export_run(directory)


def check_backend(config: MetaTrainConfig, *, evaluate: bool) -> None:
    """Refuse, before any work, what the command's ``--backend`` cannot do: on a remote
    service only the self-edit algorithms train (their policy is a service model), and the
    evaluation -- which studies the trained model on this machine -- needs its weights
    here, which a ``tinker://`` checkpoint does not give."""
    from selftaught.models.backend import current_backend

    name = current_backend().name
    if name == "local":
        return
    if config.algorithm not in SELF_EDIT_ALGORITHMS:
        raise TrainRunError(f"--algorithm {config.algorithm}: runs on --backend local only "
                            f"(it moves the model's own weights); use --backend local")
    if evaluate:
        raise TrainRunError(f"--backend {name}: the evaluation studies the trained model on "
                            "this machine and needs its weights here; pass --no-eval, and "
                            "serve the result with `selftaught serve --backend tinker --state "
                            "tinker://...`")


def meta_learner_options(config: MetaTrainConfig) -> dict[str, Any]:
    """The evaluated learner's settings (`learner_settings`, without the model), as JSON
    values: the meta-learning loops study with exactly what the evaluation studies with."""
    options = asdict(learner_settings(config))
    del options["model"]
    loaded: dict[str, Any] = json.loads(json.dumps(options))
    return loaded


def train_incontext(config: MetaTrainConfig, directory: Path, resume: bool,
                    callbacks: Callbacks) -> Path:
    """MetaICL for the ``notes`` learner (``config.meta_steps`` LoRA steps), into
    ``<directory>/model``; the run's config is stored like any training run's."""
    del callbacks  # per-step progress goes to the loop's own log
    # open_run records (or, on --resume, checks) the config and holds the run's lock
    with open_run(directory, config, resume=resume):
        model = incontext(
            config.model, directory, steps=config.meta_steps, learning_rate=5e-4,
            domains=training_domains(config), train_seeds=config.train_seeds,
            chapters=config.chapters, items=config.items,
            learner_options=meta_learner_options(config), seed=config.seed,
            save_every=icl_save_every(config.meta_steps))
    return _at_model_dir(model, directory)


def icl_save_every(steps: int) -> int:
    """Checkpoint every 10 steps, or 4 times in a shorter run (a smoke run resumes too).

    >>> icl_save_every(48), icl_save_every(20), icl_save_every(2)
    (10, 5, 1)
    """
    return max(1, min(10, steps // 4))


def train_reptile(config: MetaTrainConfig, directory: Path, resume: bool,
                  callbacks: Callbacks) -> Path:
    """Reptile on the ``lora`` learner's starting weights (``config.meta_steps``
    meta-steps), into ``<directory>/model``."""
    del callbacks
    with open_run(directory, config, resume=resume):
        model = reptile(
            config.model, directory, meta_steps=config.meta_steps,
            domains=training_domains(config), train_seeds=config.train_seeds,
            chapters=config.chapters, items=config.items,
            learner_options=meta_learner_options(config), seed=config.seed)
    return _at_model_dir(model, directory)


def _at_model_dir(model: Path, directory: Path) -> Path:
    if model.resolve() != (directory / MODEL_DIR).resolve():
        raise RuntimeError(f"the loop wrote its model to {model}, not {directory / MODEL_DIR}")
    return model


def run_algorithm(config: MetaTrainConfig, directory: Path, *, resume: bool = False,
                  callbacks: Callbacks | None = None) -> Path | str:
    """Train with ``config.algorithm``; returns the model directory."""
    if config.algorithm not in REGISTRY:
        raise ValueError(f"algorithm: unknown {config.algorithm!r} "
                         f"(expected one of: {', '.join(REGISTRY)})")
    return REGISTRY[config.algorithm].run(config, directory, resume, callbacks or Callbacks())


register("rest-em", "self-edits, ReST-EM (SEAL): keep the best of K edits, imitate it",
         train_self_edits)
register("pg", "self-edits, group policy gradient on the progress reward (GRPO-style)",
         train_self_edits)
register("icl", "in-context meta-learning (MetaICL) for the notes learner", train_incontext)
register("reptile", "weight-space meta-learning (Reptile) of the lora learner's start",
         train_reptile)
