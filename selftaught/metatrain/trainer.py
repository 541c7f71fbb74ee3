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

import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

from selftaught.fileio import exclusive_lock
from selftaught.metatrain.config import (
    MetaTrainConfig,
    check_disjoint,
    eval_refs,
    make_book,
    train_refs,
    val_refs,
)
from selftaught.metatrain.evaluate import EvalSummary, evaluate
from selftaught.metatrain.inner import InnerLoopScorer, Scorer
from selftaught.metatrain.loop import IterationResult, Loop
from selftaught.metatrain.parallel import RayScorer
from selftaught.metatrain.policy_gradient import pg_iteration
from selftaught.metatrain.rest_em import rest_em_iteration
from selftaught.metatrain.selfedit import ChapterTask, chapter_tasks, sample_groups
from selftaught.metatrain.store import EditRecord, IterationRecord, TrainStore
from selftaught.metatrain.warm_start import warm_start
from selftaught.models import get_renderer
from selftaught.study.parallel import RayConfig

STORE_FILE = "train.sqlite"
LOCK_FILE = "train.lock"
CONFIG_KEY = "config"
EVAL_KEY = "eval/iter_{:04d}"
"""Train-store meta key of an evaluation summary (json)."""

ITERATIONS: dict[str, Callable[[Loop, int], IterationResult]] = {
    "rest-em": rest_em_iteration,
    "pg": pg_iteration,
}

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
    ``scorer`` defaults to the inner loop (`InnerLoopScorer`), on Ray workers with ``ray``
    (`selftaught.metatrain.parallel.RayScorer`).
    """
    if service is None:  # the command's --backend; local keeps checkpoints in the run directory
        service = backend_service(directory)
    if scorer is None and ray is not None:
        scorer = RayScorer(config, ray, directory / "checkpoints")
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
        loop = Loop(
            config=config,
            policy=policy,
            renderer=get_renderer(policy.get_tokenizer()),
            scorer=scorer or InnerLoopScorer(service, config),
            tasks_C=chapter_tasks(train_B, [r.label for r in train_refs(config)]),
            on_scored=on_scored or (lambda _task: None),
        )
        val_tasks_C = chapter_tasks(val_B, [r.label for r in val_refs(config)])
        if last is None and config.warm_start_steps > 0:
            started = time.perf_counter()
            metrics = warm_start(policy, loop.renderer, loop.tasks_C, config)
            last = _checkpoint(store, policy, directory, 0, metrics, [], started)
            if on_iteration is not None:
                on_iteration(last)
        step = ITERATIONS[config.algorithm]
        for iteration in range(1 if last is None else last.iteration + 1, config.iterations + 1):
            started = time.perf_counter()
            result = step(loop, iteration)
            metrics = {**result.metrics, **_validate(loop, val_tasks_C)}
            record = _checkpoint(store, policy, directory, iteration, metrics, result.edits,
                                 started)
            if on_iteration is not None:
                on_iteration(record)
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
    """``val/*``: one greedy edit per validation chapter from the updated policy, scored.

    Logged only: nothing selects or trains on it.
    """
    if not tasks_C:
        return {}
    sampler = loop.policy.save_weights_and_get_sampling_client().result()
    rollouts_C_G = sample_groups(
        sampler, loop.renderer, tasks_C, loop.config.memory, group_size=1,
        max_tokens=loop.config.write_tokens, temperature=0.0, seed=loop.config.seed,
    )
    scored = [loop.scorer.score(t, g)[0] for t, g in zip(tasks_C, rollouts_C_G, strict=True)]
    return {
        "val/reward_mean": sum(s.reward for s in scored) / len(scored),
        "val/gain_mean": sum(s.breakdown.gain for s in scored) / len(scored),
        "val/pairs_mean": sum(s.n_pairs for s in scored) / len(scored),
    }


def evaluate_run(
    directory: Path,
    *,
    iteration: int | None = None,
    service: Any | None = None,
    on_step: Callable[[str], None] | None = None,
    ray: RayConfig | None = None,
) -> EvalSummary:
    """Evaluate the run's policy after ``iteration`` (default: the last) on the unseen books;
    store the summary."""
    config = stored_config(directory)
    with _lock(directory), TrainStore(directory / STORE_FILE) as store:
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
        last = done[max(done) if iteration is None else iteration]
        summary = evaluate(
            config, directory / "eval" / f"iter_{last.iteration:04d}",
            iteration=last.iteration, writer=_resolve(last.sampler_path, directory),
            service=service or backend_service(directory), on_step=on_step, ray=ray,
        )
        store.set_meta(EVAL_KEY.format(last.iteration), summary.to_json())
    return summary


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

