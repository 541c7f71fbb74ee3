"""`train`: the meta-training run -- iterations, checkpoints, resume -- and its evaluation.

Why this file is separate from the algorithms: ReST-EM and policy gradient are each
one function of one iteration (`rest_em.py`, `policy_gradient.py`); everything that
makes a run trustworthy is here, once:

* **run directory** ``runs/train-<time>/``: ``train.sqlite`` (`TrainStore`: config,
  per-iteration metrics, every scored edit), ``checkpoints/`` (the policy after every
  iteration: ``save_state`` with the optimizer, and ``save_weights_for_sampler`` for
  the learner's ``writer``), ``eval/iter_<n>/`` (the evaluation's run store and
  ``summary.json``); one process per directory (``flock``).
* **atomic iterations**: the checkpoint is written (atomically, by the client) and
  then the iteration is committed in one transaction; a kill at any moment leaves
  the store at the last completed iteration.
* **exact resume**: every random choice is a pure function of ``config.seed`` and the
  iteration (sampling seeds, scratch-LoRA init), so restoring the policy's weights
  and Adam state is all the state there is; a resumed run ends with the same metrics
  as an uninterrupted one (tested with ``kill -9``). There is no other RNG to save.
* **config check**: the config is stored with the run; ``--resume`` with another one
  is refused naming the changed fields.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

from selftaught.fileio import exclusive_lock
from selftaught.metatrain.config import (
    SELF_EDIT_ALGORITHMS,
    MetaTrainConfig,
    check_disjoint,
    eval_refs,
    learner_settings,
    make_book,
    train_refs,
    val_refs,
    writing_settings,
)
from selftaught.metatrain.evaluate import Comparison, eval_books, evaluate_model, json_ready
from selftaught.metatrain.inner import LearnerScorer, Scorer
from selftaught.metatrain.loop import IterationResult, Loop, Sampling
from selftaught.metatrain.parallel import RayScorer
from selftaught.metatrain.policy_gradient import pg_iteration
from selftaught.metatrain.rest_em import rest_em_iteration
from selftaught.metatrain.selfedit import ChapterTask, chapter_tasks, write_edits
from selftaught.metatrain.store import EditRecord, IterationRecord, TrainStore
from selftaught.models import get_renderer
from selftaught.study.parallel import RayConfig

STORE_FILE = "train.sqlite"
LOCK_FILE = "train.lock"
CONFIG_KEY = "config"
EVAL_KEY = "eval/iter_{:04d}"
"""Train-store meta key of an evaluation summary (json)."""

MODEL_DIR = "model"
"""The exported meta-trained model inside the run directory (``runs/train-<id>/model``)."""


def iteration_step(config: MetaTrainConfig) -> Callable[[Loop, int], IterationResult]:
    """The config's algorithm as one function of (loop, iteration), its few values bound."""
    if config.algorithm == "rest-em":
        return lambda loop, i: rest_em_iteration(loop, i, sft_lr=config.sft_lr,
                                                 sft_steps=config.sft_steps)
    return lambda loop, i: pg_iteration(loop, i, lr=config.pg_lr, loss_fn=config.pg_loss)


def inner_scorer(config: MetaTrainConfig, service: Any, directory: Path, *,
                 seed: int | None = None) -> LearnerScorer:
    """The inner loop of a config: the evaluated learner, with and without each edit."""
    return LearnerScorer(service, learner_settings(config), reward=config.reward,
                         measure=config.reward_measure,
                         seed=config.seed if seed is None else seed, state_dir=directory)

OnIteration = Callable[[IterationRecord], None]
OnScored = Callable[[ChapterTask], None]


class TrainRunError(ValueError):
    """A run cannot start or resume as asked; the message names the file or option."""


@contextmanager
def open_run(directory: Path, config: MetaTrainConfig, *, resume: bool) -> Iterator[TrainStore]:
    """The run's store, locked for this process; a new run records the config, a resumed
    one must match it."""
    path = directory / STORE_FILE
    exists = path.exists() and path.stat().st_size > 0
    if resume and not exists:
        raise TrainRunError(f"--resume: no training run in {directory} (no {STORE_FILE})")
    if exists and not resume:
        raise TrainRunError(
            f"--run-dir {directory} already holds a training run; pass --resume to continue "
            "it or choose another --run-dir"
        )
    with _lock(directory), TrainStore(path) as store:
        stored = store.meta(CONFIG_KEY)
        if stored is None:
            store.set_meta(CONFIG_KEY, config.to_json())
        else:
            changed = MetaTrainConfig.from_json(stored).changed_fields(config)
            if changed:
                raise TrainRunError(
                    f"--resume: {directory} was started with another config "
                    f"({'; '.join(changed)}); resume with the original settings"
                )
        yield store


def _lock(directory: Path) -> AbstractContextManager[None]:
    return exclusive_lock(directory / LOCK_FILE, lambda: TrainRunError(
        f"--run-dir {directory} is in use by another `selftaught train` process; "
        "wait for it or choose another --run-dir"))


def stored_config(directory: Path) -> MetaTrainConfig:
    """The config a run in ``directory`` was started with."""
    path = directory / STORE_FILE
    if not (path.exists() and path.stat().st_size > 0):
        raise TrainRunError(f"{directory}: no training run here (no {STORE_FILE})")
    with TrainStore(path) as store:
        stored = store.meta(CONFIG_KEY)
    if stored is None:
        raise TrainRunError(f"{path}: the run has no stored config; start a new run")
    return MetaTrainConfig.from_json(stored)


def local_service(directory: Path) -> Any:
    """The local Tinker-shaped service, keeping its checkpoints inside the run directory."""
    from selftaught.models import LocalServiceClient

    return LocalServiceClient(state_dir=directory / "checkpoints")


def backend_service(directory: Path) -> Any:
    """The service of the command's ``--backend``: `local_service` for local (checkpoints in
    the run directory), else that backend's (a Tinker service keeps its own checkpoints)."""
    from selftaught.models.backend import current_backend

    choice = current_backend()
    return local_service(directory) if choice.name == "local" else choice.make_service()


def train(
    config: MetaTrainConfig,
    directory: Path,
    *,
    resume: bool = False,
    service: Any | None = None,
    scorer: Scorer | None = None,
    on_iteration: OnIteration | None = None,
    on_scored: OnScored | None = None,
    ray: RayConfig | None = None,
) -> list[IterationRecord]:
    """Run (or resume) the outer loop to ``config.iterations``; returns every iteration.

    ``service`` defaults to the local one (checkpoints under ``directory``); pass
    ``selftaught.models.remote.make_service("tinker")`` to train on the Tinker service.
    ``scorer`` defaults to the inner loop (`LearnerScorer`), on Ray workers with ``ray``
    (`selftaught.metatrain.parallel.RayScorer`).
    """
    if service is None:  # the command's --backend; local keeps checkpoints in the run directory
        service = backend_service(directory)
    if scorer is None and ray is not None:
        scorer = RayScorer(learner_settings(config), reward=config.reward,
                           measure=config.reward_measure, seed=config.seed, ray_config=ray,
                           state_dir=directory / "checkpoints")
    with open_run(directory, config, resume=resume) as store:
        train_B = [make_book(config, r) for r in train_refs(config)]
        val_B = [make_book(config, r) for r in val_refs(config)]
        check_disjoint([*train_B, *val_B], [make_book(config, r) for r in eval_refs(config)])
        last = store.last_iteration()
        if last is None:
            policy = service.create_lora_training_client(
                base_model=config.model, rank=config.policy_rank, seed=config.seed
            ).result()
        else:
            policy = service.create_training_client_from_state_with_optimizer(
                _resolve(last.state_path, directory)
            ).result()
        writing = writing_settings(config)
        directory.mkdir(parents=True, exist_ok=True)
        loop = Loop(
            policy=policy,
            renderer=get_renderer(policy.get_tokenizer()),
            tokenizer=policy.get_tokenizer(),
            scorer=scorer or inner_scorer(config, service, directory),
            tasks_C=chapter_tasks(train_B, [r.label for r in train_refs(config)]),
            sampling=Sampling(config.edits_per_chapter, writing.edit_format,
                              writing.temperature, config.seed),
            on_scored=on_scored or (lambda _task: None),
        )
        val_tasks_C = chapter_tasks(val_B, [r.label for r in val_refs(config)])
        step = iteration_step(config)
        try:
            for iteration in range(1 if last is None else last.iteration + 1,
                                   config.iterations + 1):
                started = time.perf_counter()
                result = step(loop, iteration)
                metrics = {**result.metrics, **_validate(loop, val_tasks_C)}
                record = _checkpoint(store, policy, directory, iteration, metrics,
                                     result.edits, started)
                if on_iteration is not None:
                    on_iteration(record)
        finally:
            if isinstance(loop.scorer, LearnerScorer):
                loop.scorer.close()
        return store.iterations()


def _checkpoint(
    store: TrainStore, policy: Any, directory: Path, iteration: int, metrics: dict[str, float],
    edits: list[EditRecord], started: float,
) -> IterationRecord:
    """Save the policy (with optimizer; and for sampling), then commit the iteration."""
    name = f"iter_{iteration:04d}"
    state = policy.save_state(name).result().path
    sampler = policy.save_weights_for_sampler(name).result().path
    record = IterationRecord(
        iteration=iteration, metrics=metrics, state_path=_portable(state, directory),
        sampler_path=_portable(sampler, directory), seconds=time.perf_counter() - started,
    )
    store.complete_iteration(record, edits)
    return record


def _validate(loop: Loop, tasks_C: list[ChapterTask]) -> dict[str, float]:
    """``val/*``: one edit per validation chapter from the updated policy, scored.

    Logged only: nothing selects or trains on it.
    """
    if not tasks_C:
        return {}
    sampler = loop.policy.save_weights_and_get_sampling_client().result()
    s = loop.sampling
    rollouts_C_G = write_edits(
        sampler, loop.renderer, loop.tokenizer, [t.content for t in tasks_C], group_size=1,
        edit_format=s.edit_format, temperature=s.temperature, seed=s.seed,
    )
    scored = [loop.scorer.score(t, g)[0] for t, g in zip(tasks_C, rollouts_C_G, strict=True)]
    return {
        "val/reward_mean": sum(s.reward for s in scored) / len(scored),
        "val/gain_mean": sum(s.breakdown.gain for s in scored) / len(scored),
        "val/pairs_mean": sum(s.n_pairs for s in scored) / len(scored),
    }


def export_run(directory: Path, *, iteration: int | None = None) -> Path:
    """Export the policy after ``iteration`` (default: the last) merged into the base model:
    ``<directory>/model``, a plain HF directory ``selftaught run/study/serve --model`` load."""
    from selftaught.metatrain.export import export_model

    config = stored_config(directory)
    record = _completed(directory, iteration)
    return export_model(
        config.model, directory / MODEL_DIR,
        checkpoint=_resolve(record.sampler_path, directory),
        provenance={"algorithm": config.algorithm, "iteration": record.iteration,
                    "run": str(directory)},
    )


def evaluate_run(
    directory: Path,
    *,
    iteration: int | None = None,
    service: Any | None = None,
    on_step: Callable[[str], None] | None = None,
) -> Comparison:
    """Export the run's policy after ``iteration`` (default: the last) and evaluate the
    exported model against the frozen base on the unseen books; store the summary."""
    config = stored_config(directory)
    if config.algorithm in SELF_EDIT_ALGORITHMS:
        done = _completed(directory, iteration).iteration
        model = export_run(directory, iteration=done)
    else:  # icl / reptile write the model directly; they have no iterations to pick from
        if iteration is not None:
            raise TrainRunError(f"--eval-iteration: {config.algorithm} keeps only its final "
                                "model; leave the option out")
        done, model = 0, directory / MODEL_DIR
        if not (model / "config.json").is_file():
            raise TrainRunError(f"{directory}: no trained model in {model}; run `selftaught "
                                f"train --resume --run-dir {directory}` first")
    summary = evaluate_model(
        config, str(model), eval_books(config, str(model)),
        directory / "eval" / f"iter_{done:04d}",
        service=service or local_service(directory), on_step=on_step,
    )
    with _lock(directory), TrainStore(directory / STORE_FILE) as store:
        store.set_meta(EVAL_KEY.format(done),
                       json.dumps(json_ready({"iteration": done, **asdict(summary)}),
                                  sort_keys=True, allow_nan=False))
    return summary


def _completed(directory: Path, iteration: int | None) -> IterationRecord:
    with TrainStore(directory / STORE_FILE) as store:
        done = {r.iteration: r for r in store.iterations()}
    if not done:
        raise TrainRunError(
            f"{directory}: no completed iteration to evaluate; run `selftaught train "
            f"--resume --run-dir {directory}` first"
        )
    if iteration is not None and iteration not in done:
        raise TrainRunError(
            f"--eval-iteration {iteration}: {directory} has iterations "
            f"{', '.join(map(str, sorted(done)))}"
        )
    return done[max(done) if iteration is None else iteration]


def _portable(path: str, directory: Path) -> str:
    """A checkpoint path as stored: relative to the run directory when inside it (the run
    can be moved), else as given (e.g. a ``tinker://`` path)."""
    candidate = Path(path)
    if candidate.is_absolute() and candidate.is_relative_to(directory.resolve()):
        return candidate.relative_to(directory.resolve()).as_posix()
    return path


def _resolve(stored: str, directory: Path) -> str:
    if "://" in stored or Path(stored).is_absolute():
        return stored
    return str((directory / stored).resolve())

