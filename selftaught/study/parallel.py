"""A grid's tracks on Ray: tracks run on workers, the driver alone writes the run store.

Why this shape: a run store is one SQLite file that must stay a prefix of the run
under ``kill -9`` (see ``store.py``), so it has one writer -- the driver, the
process that called `run_grid_on_ray`. Each unfinished track becomes one Ray
*generator task*: the worker runs the ordinary `run_track` against a scratch store
of its own, starting from the driver's last checkpoint of that track (shipped as a
tar of the learner-state directory), and yields every completed step -- its events
and the learner state saved after it. The driver commits the step exactly as a
serial run would: the events, then the state directory (fsynced, ``os.replace``),
then the checkpoint row. So:

* **Same results as a serial run**: the worker runs the same code on the same book,
  config and seed; a step's learner state is the one the serial run would have saved.
* **A worker killed mid-track** (the process dies, the node goes away): Ray retries
  the task (``max_retries``), which replays the track from the checkpoint it was
  given; Ray hands the driver only steps it has not seen, and the driver also skips
  any step its store already holds, so nothing is written twice.
* **The driver killed**: the store holds whole steps only (a step is complete iff its
  checkpoint row exists); ``--resume`` -- serial or on Ray -- continues every track
  from its last checkpoint, as after any kill.
* **One loaded model per worker**: Ray reuses a worker process for later tasks, and
  the model host caches the loaded base model per process, so a worker loads the
  model once and studies track after track with it.

What is shipped to a worker: the task's arguments (the track row, the book, the
study config, the arm's learner options, the builder function and the checkpoint's
files), nothing else. Connecting to a cluster (``--ray ADDRESS`` or ``auto``) also
ships the ``selftaught`` package source (Ray ``runtime_env`` ``py_modules``); its
dependencies, and a model's weights if the workers load one, must be installed on
the cluster's nodes (docs/scaling.md).
"""

from __future__ import annotations

import io
import queue
import tarfile
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from selftaught.study.run import (
    begin_track,
    commit_state_dir,
    new_state_dir,
    run_track,
    state_dir,
)
from selftaught.study.store import RunStore, TrackRecord
from selftaught.study.tracks import GridTrack, LearnerBuilder, StepFn, TrackFn, build_learner
from selftaught.types import StudyEvent

MAX_RETRIES = 3
"""Times Ray re-runs a track whose worker died (system failures; a Python exception in the
learner is a bug and is raised at once, never retried)."""


@dataclass(frozen=True)
class RayConfig:
    """Where tracks run: ``--ray local|auto|ADDRESS`` and ``--workers N``."""

    address: str = "local"
    """``local``: start a Ray instance on this machine for this run; ``auto``: join the
    cluster this machine is part of (``ray start``); else a cluster's address
    (``HOST:6379`` or ``ray://HOST:10001``)."""
    workers: int | None = None
    """Tracks run at once (local Ray: CPUs it may use; a cluster: at most this many
    tasks in flight). None: every CPU Ray has."""

    def __post_init__(self) -> None:
        if not self.address.strip():
            raise ValueError("--ray: give local, auto or a cluster address (HOST:PORT)")
        if self.workers is not None and self.workers < 1:
            raise ValueError(f"--workers {self.workers}: must be >= 1")


@dataclass(frozen=True)
class StepResult:
    """What a worker sends back per completed step."""

    track_id: int
    step: int
    events: list[StudyEvent]
    state_tar: bytes
    """The learner-state directory saved after the step, as an uncompressed tar."""
    manifest_sha256: str
    """sha256 of that state's ``MANIFEST.json`` (stored with the driver's checkpoint)."""
    last: bool
    """True for the track's final step (the driver then marks the track done)."""


@dataclass(frozen=True)
class TrackJob:
    """Everything a worker needs to run (the rest of) one track; pickled to the worker."""

    track: GridTrack
    record: TrackRecord
    checkpoint_step: int | None
    checkpoint_tar: bytes | None
    checkpoint_sha256: str | None
    build: LearnerBuilder


def connect(config: RayConfig) -> None:
    """Start or join Ray as ``config`` says (no-op if this process is already connected)."""
    import ray

    if ray.is_initialized():
        return
    if config.address == "local":
        ray.init(address="local", num_cpus=config.workers, include_dashboard=False,
                 log_to_driver=False)
        return
    import selftaught

    ray.init(address=config.address, log_to_driver=False,
             runtime_env={"py_modules": [str(Path(selftaught.__file__).parent)]})


def run_grid_on_ray(
    store: RunStore,
    tracks: list[GridTrack],
    config: RayConfig,
    *,
    build: LearnerBuilder = build_learner,
    on_track: TrackFn | None = None,
    on_step: StepFn | None = None,
) -> None:
    """Run (or resume) every unfinished track as a Ray task; this process writes the store.

    ``build`` runs on the workers, so it must be picklable and must not capture objects
    that live in this process (a loaded model, an open service): the default builds the
    arm's learner from its options, which is what workers can do on their own.
    """
    import ray

    connect(config)
    remote = ray.remote(num_cpus=1, max_retries=MAX_RETRIES)(study_track)
    by_id = {t.id: t for t in tracks}
    todo = [t for t in tracks if store.track(t.id).status != "done"]
    limit = config.workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
    running: dict[Any, GridTrack] = {}
    while todo or running:
        while todo and len(running) < limit:
            track = todo.pop(0)
            if on_track is not None:
                on_track(track)
            running[remote.options(num_returns="streaming").remote(job(store, track, build))] \
                = track
        ready: list[Any] = ray.wait(list(running), num_returns=1)[0]  # generators with a step
        for generator in ready:
            try:
                ref = next(generator)
            except StopIteration:
                del running[generator]
                continue
            result: StepResult = ray.get(ref)
            if commit_step(store, result) and on_step is not None:
                on_step(by_id[result.track_id], result.step)


def job(store: RunStore, track: GridTrack, build: LearnerBuilder) -> TrackJob:
    """The track made ready to run (`begin_track`) with its last checkpoint packed."""
    checkpoint = begin_track(store, track.id, track.book)
    return TrackJob(
        track=track, record=store.track(track.id),
        checkpoint_step=None if checkpoint is None else checkpoint.step,
        checkpoint_tar=None if checkpoint is None else pack(checkpoint.state_path),
        checkpoint_sha256=None if checkpoint is None else checkpoint.manifest_sha256,
        build=build,
    )


def commit_step(store: RunStore, result: StepResult) -> bool:
    """Write one worker step as a serial run would: events, state, checkpoint; False if the
    store already holds the step (a replayed task), which is then left as it is."""
    done = store.last_checkpoint(result.track_id)
    if done is not None and result.step <= done.step:
        return False
    for event in result.events:
        store.append_event(result.track_id, result.step, event)
    root = state_dir(store, result.track_id)
    tmp = new_state_dir(root, result.step)
    unpack(result.state_tar, tmp)
    store.complete_step(result.track_id, result.step, commit_state_dir(tmp, root, result.step),
                        result.manifest_sha256)
    if result.last:
        store.set_status(result.track_id, "done")
    return True


# -- on the worker ------------------------------------------------------------------------------


def study_track(job: TrackJob) -> Iterator[StepResult]:
    """Run a track in a scratch store on this worker; yield each completed step.

    `run_track` runs in a thread (SQLite connections belong to the thread that made
    them) and hands each step over a queue, so steps stream back while it works.
    """
    steps: queue.Queue[StepResult | BaseException | None] = queue.Queue()
    worker = threading.Thread(target=_run_scratch, args=(job, steps), daemon=True)
    worker.start()
    while (item := steps.get()) is not None:
        if isinstance(item, BaseException):
            raise item
        yield item
    worker.join()


def _run_scratch(job: TrackJob, steps: queue.Queue[StepResult | BaseException | None]) -> None:
    try:
        with tempfile.TemporaryDirectory(prefix="selftaught-track-") as scratch:
            _study_in(Path(scratch), job, steps.put)
        steps.put(None)
    except BaseException as error:  # noqa: BLE001  (handed to the generator, which raises it)
        steps.put(error)


def _study_in(scratch: Path, job: TrackJob, send: Callable[[StepResult], None]) -> None:
    record = job.record
    with RunStore(scratch / "run.sqlite") as local:
        local_id = local.add_track(learner=record.learner, book_id=record.book_id,
                                   book_hash=record.book_hash, seed=record.seed,
                                   control=record.control, config=record.config)
        if (job.checkpoint_step is not None and job.checkpoint_tar is not None
                and job.checkpoint_sha256 is not None):
            root = state_dir(local, local_id)
            tmp = new_state_dir(root, job.checkpoint_step)
            unpack(job.checkpoint_tar, tmp)
            local.complete_step(local_id, job.checkpoint_step,
                                commit_state_dir(tmp, root, job.checkpoint_step),
                                job.checkpoint_sha256)
        sent = 0

        def step(done: int, n_steps: int) -> None:
            nonlocal sent
            events = local.events(local_id)
            checkpoint = local.last_checkpoint(local_id)
            assert checkpoint is not None and checkpoint.step == done  # run_track's order
            send(StepResult(track_id=record.id, step=done, events=events[sent:],
                            state_tar=pack(checkpoint.state_path),
                            manifest_sha256=checkpoint.manifest_sha256,
                            last=done == n_steps - 1))
            sent = len(events)

        run_track(local, local_id, job.track.book, job.build(job.track), job.track.config,
                  on_step=step)


# -- learner state as bytes ---------------------------------------------------------------------


def pack(directory: Path) -> bytes:
    """A directory's files as an uncompressed tar (learner states are small, mostly binary)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for path in sorted(directory.rglob("*")):
            tar.add(path, arcname=path.relative_to(directory).as_posix(), recursive=False)
    return buffer.getvalue()


def unpack(data: bytes, directory: Path) -> None:
    """Extract a `pack` tar into ``directory`` (the ``data`` filter: no links or paths out)."""
    with tarfile.open(fileobj=io.BytesIO(data), mode="r") as tar:
        tar.extractall(directory, filter="data")
