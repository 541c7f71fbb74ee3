"""One worker thread that runs every local model request, in submission order.

Why one thread for the whole process: all local clients share base weights,
and LoRA adapters are switched in place on that shared model, so model work
must be serialised; a single FIFO gives exactly the SDK's guarantee ("requests
execute in submission order") for free, across all clients. Calls return
`tinker`'s own ``AwaitableConcurrentFuture`` (``.result()``, ``await``), so
futures behave like the SDK's.

Batching: consecutive queued jobs with the same ``batch_key`` (e.g. ``sample``
calls on one sampling client) are handed to their runner together, so
concurrent ``sample`` calls share one decode batch.
"""

from __future__ import annotations

import atexit
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any, TypeVar

from tinker.lib.public_interfaces.api_future import AwaitableConcurrentFuture

T = TypeVar("T")

MAX_BATCHED_JOBS = 64
"""Most queued jobs merged into one batched run."""


@dataclass
class _Job:
    future: Future[Any]
    payload: Any
    run_batch: Callable[[list[Any]], list[Any]]
    batch_key: Any = None


class Worker:
    """A FIFO of model jobs executed by one daemon thread."""

    def __init__(self) -> None:
        self._jobs: deque[_Job] = deque()
        self._cv = threading.Condition()
        self._thread: threading.Thread | None = None
        self._closing = False
        atexit.register(self.shutdown)

    @property
    def closed(self) -> bool:
        """True once `shutdown` ran (interpreter exit): no new jobs are accepted."""
        return self._closing

    def shutdown(self) -> None:
        """Cancel queued jobs and wait for the running one (runs at interpreter exit).

        A daemon thread still running torch code while the interpreter tears down
        aborts the process, so exit waits for the job in progress to finish.
        """
        with self._cv:
            self._closing = True
            while self._jobs:
                self._jobs.popleft().future.cancel()
            self._cv.notify_all()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join()

    def submit(self, fn: Callable[[], T]) -> AwaitableConcurrentFuture[T]:
        """Run ``fn()`` on the worker after every earlier job; a future of its result."""
        return self.submit_batchable(None, None, lambda payloads: [fn() for _ in payloads])

    def submit_batchable(
        self, batch_key: Any, payload: Any, run_batch: Callable[[list[Any]], list[Any]]
    ) -> AwaitableConcurrentFuture[Any]:
        """Queue ``payload``; consecutive jobs with the same non-None key run as one batch.

        ``run_batch(payloads)`` must return one result per payload, in order.
        """
        future: Future[Any] = Future()
        with self._cv:
            if self._closing:
                raise RuntimeError("the model worker is shut down (interpreter exiting)")
            self._jobs.append(_Job(future, payload, run_batch, batch_key))
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._loop, name="selftaught-model", daemon=True
                )
                self._thread.start()
            self._cv.notify()
        return AwaitableConcurrentFuture(future)

    def _take(self) -> list[_Job] | None:
        with self._cv:
            while not self._jobs and not self._closing:
                self._cv.wait()
            if self._closing:
                return None
            jobs = [self._jobs.popleft()]
            key = jobs[0].batch_key
            while (
                key is not None
                and self._jobs
                and self._jobs[0].batch_key == key
                and len(jobs) < MAX_BATCHED_JOBS
            ):
                jobs.append(self._jobs.popleft())
            return jobs

    def _loop(self) -> None:
        while True:
            taken = self._take()
            if taken is None:
                return
            self._run([j for j in taken if j.future.set_running_or_notify_cancel()])
            # Locals of _run are gone now: finished jobs (and the clients their runners
            # reference) can be garbage-collected while the worker waits.
            del taken

    @staticmethod
    def _run(jobs: list[_Job]) -> None:
        if not jobs:
            return
        try:
            results = jobs[0].run_batch([j.payload for j in jobs])
        except BaseException as exc:  # goes to every caller's future; fatal ones re-raised
            for job in jobs:
                job.future.set_exception(exc)
            if not isinstance(exc, Exception):
                raise
            return
        for job, result in zip(jobs, results, strict=True):
            job.future.set_result(result)


WORKER = Worker()
"""The process-wide worker all local clients submit to."""
