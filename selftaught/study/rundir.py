"""A run directory: its store file, its lock, and the options it was started with.

Why here and not in the CLI: every command that writes a study run (``run``,
``study``, the benchmarks, meta-training's evaluation) must refuse the same
things in the same words -- overwriting an existing run, resuming a missing one,
resuming with changed options, two processes on one directory -- so the rules
live in one library function, `open_run`, and the commands only print its
`RunInputError`.

Layout::

    run.sqlite                    the `RunStore`: tracks, events, checkpoints
    run.lock                      held (flock) by the one process running the directory
    state/track_<id>/step_<n>/    learner state after each completed step
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from selftaught.fileio import exclusive_lock
from selftaught.study.store import RunStore

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

STORE_FILE = "run.sqlite"
LOCK_FILE = "run.lock"
RUN_META_KEY = "run_config"
"""Run-store meta key holding the options the run was started with (json)."""


class RunInputError(ValueError):
    """Bad input to a run (options, book, run directory); shown as one line, exit status 2."""


@contextmanager
def open_run(directory: Path, spec: DataclassInstance, *, resume: bool) -> Iterator[RunStore]:
    """The run store of ``directory``, locked for this process, its options checked.

    A new run records ``spec`` (any dataclass of the command's options); a
    resumed one must match it. Refuses an existing run without ``resume``, a
    missing one with it, and a directory another process is running.
    """
    if resume and not (directory / STORE_FILE).exists():
        raise RunInputError(f"--resume: no run to resume in {directory} (no {STORE_FILE})")
    with run_dir_lock(directory), _open_checked_store(directory, spec, resume=resume) as store:
        yield store


def run_dir_lock(directory: Path) -> AbstractContextManager[None]:
    """One process per run directory: an exclusive ``flock``, released by the OS even on kill -9."""
    return exclusive_lock(directory / LOCK_FILE, lambda: RunInputError(
        f"--run-dir {directory} is in use by another selftaught process; "
        "wait for it or choose another --run-dir"))


def _open_checked_store(directory: Path, spec: DataclassInstance, *, resume: bool) -> RunStore:
    path = directory / STORE_FILE
    exists = path.exists() and path.stat().st_size > 0
    if resume and not exists:
        raise RunInputError(f"--resume: no run to resume in {directory} (no {STORE_FILE})")
    if exists and not resume:
        raise RunInputError(
            f"--run-dir {directory} already holds a run; pass --resume to continue it "
            "or choose another --run-dir"
        )
    store = RunStore(path)
    stored = store.meta(RUN_META_KEY)
    if stored is None:
        store.set_meta(RUN_META_KEY, json.dumps(asdict(spec), sort_keys=True))
    else:
        before = json.loads(stored)
        now = json.loads(json.dumps(asdict(spec)))  # as stored: tuples become lists
        changed = [f"{k}: {before.get(k)!r} -> {v!r}" for k, v in now.items()
                   if before.get(k) != v]
        if changed:
            store.close()
            raise RunInputError(
                f"--resume: {directory} was started with other options ({'; '.join(changed)}); "
                "resume with the original options"
            )
    return store
