"""The batching queue behind `selftaught serve`: every admitted request is decoded in shared steps.

Why a scheduler of our own on top of the sampling client: handing each HTTP
request to ``sample`` whole means a long request (``n=16``, thousands of
tokens) holds the model until it is done. New requests wait behind it, and a
client that has gone away keeps it busy. So the scheduler decodes in *steps*
of ``chunk_tokens`` tokens. Each step takes every live choice of every
admitted request (up to ``max_batch_rows``, oldest first) and samples them in
one batch. Then the batch is formed again: requests that arrived meanwhile
join, finished ones are answered, cancelled ones (the client disconnected, the
server is stopping) are dropped. A cancelled request therefore costs at most
one more step, and no request waits for another's whole generation.

A request's first step is exactly ``sample(prompt, n, params)``. So a reply
that fits in one step is the same as direct sampling with the same seed. Later
steps continue each choice from its prompt plus what it has generated so far,
with a seed derived from the request's seed, the step and the choice: replies
stay reproducible, but a reply longer than one step is not the same as one
direct call. Stop strings are checked on the whole decoded text after every
step, so one that spans two steps still ends the choice.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import CancelledError, Future
from dataclasses import dataclass, field
from typing import Any

from tinker import types

_SEED_MOD = 2**63


class QueueFull(RuntimeError):
    """``max_queued`` requests are already admitted."""


class SchedulerClosed(RuntimeError):
    """The server is shutting down; the request was not (or no longer) served."""


@dataclass(frozen=True)
class Sequence:
    """One finished choice: what the sampler produced for it across all steps."""

    tokens_T: list[int]
    logprobs_T: list[float]
    stop_reason: str
    """``stop`` (an end-of-turn token or a stop string) or ``length``."""


@dataclass
class Generation:
    """One admitted request being generated; its ``future`` gets its `Sequence` per choice."""

    prompt: types.ModelInput
    n: int
    params: types.SamplingParams
    """Sampling parameters; ``max_tokens`` is the whole budget per choice."""
    stop_strings: list[str]
    decode: Callable[[list[int]], str]
    """Token ids -> text, to find stop strings that span two steps."""
    logprobs: bool = False
    """Whether the reply reports the sampled tokens' logprobs."""
    future: Future[list[Sequence]] = field(default_factory=Future)
    tokens_N_T: list[list[int]] = field(default_factory=list)
    logprobs_N_T: list[list[float]] = field(default_factory=list)
    stopped_N: list[str | None] = field(default_factory=list)
    steps: int = 0
    cancelled: bool = False

    def live(self) -> list[int]:
        """Indices of the choices still being generated (all ``n`` before the first step)."""
        if self.steps == 0:
            return list(range(self.n))
        return [i for i, stopped in enumerate(self.stopped_N) if stopped is None]


@dataclass
class SchedulerStats:
    """What the scheduler did, for the load benchmark (monotonic counters)."""

    steps: int = 0
    rows: int = 0
    """Choices decoded, summed over steps (rows / steps = mean batch size)."""
    max_rows: int = 0
    max_requests: int = 0
    """Most requests decoded together in one step."""
    cancelled: int = 0


class BatchScheduler:
    """Admit generations (bounded), decode them together in steps on one thread."""

    def __init__(self, sampling_client: Any, *, max_queued: int, max_batch_rows: int,
                 chunk_tokens: int) -> None:
        self.sampling_client = sampling_client
        self.max_queued = max_queued
        self.max_batch_rows = max_batch_rows
        self.chunk_tokens = chunk_tokens
        self.stats = SchedulerStats()
        self._admitted: list[Generation] = []
        self._cv = threading.Condition()
        self._thread: threading.Thread | None = None

    def submit(self, generation: Generation) -> None:
        """Admit ``generation``; `QueueFull` when ``max_queued`` are already admitted."""
        with self._cv:
            if len(self._admitted) >= self.max_queued:
                raise QueueFull(f"{len(self._admitted)} requests are already queued "
                                f"(max_queued={self.max_queued}); retry later")
            self._admitted.append(generation)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._loop, daemon=True,
                                                name="selftaught-serve-batch")
                self._thread.start()
            self._cv.notify()

    def cancel(self, generation: Generation) -> None:
        """Stop generating ``generation``: dropped before the next step, its future cancelled."""
        with self._cv:
            generation.cancelled = True
            if generation in self._admitted and generation.steps == 0:
                self._admitted.remove(generation)  # not started: free its place at once
                self.stats.cancelled += 1
                generation.future.cancel()

    def cancel_all(self, reason: str) -> None:
        """Fail every admitted generation with `SchedulerClosed` (the server is stopping)."""
        with self._cv:
            for generation in self._admitted:
                generation.cancelled = True
                if not generation.future.done():
                    generation.future.set_exception(SchedulerClosed(reason))
            self._admitted.clear()
            self._cv.notify_all()

    @property
    def queued(self) -> int:
        """Requests admitted and not yet answered."""
        with self._cv:
            return len(self._admitted)

    # ------------------------------------------------------------------ the loop

    def _take(self) -> list[Generation] | None:
        """The next step's generations (oldest first, within ``max_batch_rows``); None: idle."""
        with self._cv:
            for generation in [g for g in self._admitted if g.cancelled]:
                self._admitted.remove(generation)
                self.stats.cancelled += 1
                generation.future.cancel()
            if not self._admitted:
                return None
            batch: list[Generation] = []
            rows = 0
            for generation in self._admitted:
                need = len(generation.live())
                if batch and rows + need > self.max_batch_rows:
                    break
                batch.append(generation)
                rows += need
            return batch

    def _loop(self) -> None:
        while True:
            batch = self._take()
            if batch is None:
                with self._cv:
                    if not self._admitted:  # exit when idle; `submit` starts a new thread
                        self._thread = None
                        return
                continue
            try:
                self._step(batch)
            except BaseException as exc:  # every request in the step gets the error
                with self._cv:
                    for generation in batch:
                        if generation in self._admitted:
                            self._admitted.remove(generation)
                        if not generation.future.done():
                            generation.future.set_exception(exc)
                if not isinstance(exc, Exception):
                    raise
                continue
            with self._cv:
                for generation in batch:
                    ended = generation.cancelled or not generation.live()
                    if ended and generation in self._admitted:
                        self._admitted.remove(generation)
                    if generation.cancelled:
                        self.stats.cancelled += 1
                        generation.future.cancel()
                    elif not generation.live() and not generation.future.done():
                        generation.future.set_result([
                            Sequence(t, lp, stopped or "length") for t, lp, stopped in
                            zip(generation.tokens_N_T, generation.logprobs_N_T,
                                generation.stopped_N, strict=True)])

    def _step(self, batch: list[Generation]) -> None:
        """Decode ``chunk_tokens`` more tokens of every live choice in ``batch``, together."""
        calls: list[tuple[Generation, list[int], types.ModelInput, int, types.SamplingParams]] = []
        for g in batch:
            budget = g.params.max_tokens or 1
            if g.steps == 0:
                params = g.params.model_copy(update={"max_tokens": min(self.chunk_tokens, budget)})
                calls.append((g, list(range(g.n)), g.prompt, g.n, params))
                continue
            prompt_T = g.prompt.to_ints()
            for i in g.live():
                seed = None if g.params.seed is None else (
                    (g.params.seed * 1_000_003 + g.steps * 7_919 + i) % _SEED_MOD)
                left = budget - len(g.tokens_N_T[i])
                params = g.params.model_copy(
                    update={"max_tokens": min(self.chunk_tokens, left), "seed": seed})
                calls.append((g, [i], types.ModelInput.from_ints(prompt_T + g.tokens_N_T[i]), 1,
                              params))
        responses = self._sample(calls)
        rows = sum(len(choices) for _, choices, _, _, _ in calls)
        self.stats.steps += 1
        self.stats.rows += rows
        self.stats.max_rows = max(self.stats.max_rows, rows)
        self.stats.max_requests = max(self.stats.max_requests, len(batch))
        for (g, choices, _, _, _), response in zip(calls, responses, strict=True):
            if g.steps == 0 and not g.tokens_N_T:
                g.tokens_N_T = [[] for _ in range(g.n)]
                g.logprobs_N_T = [[] for _ in range(g.n)]
                g.stopped_N = [None] * g.n
            for i, seq in zip(choices, response.sequences, strict=True):
                g.tokens_N_T[i] += [int(t) for t in seq.tokens]
                g.logprobs_N_T[i] += [float(x) for x in (seq.logprobs or [])]
                spanned = bool(g.stop_strings) and any(
                    s in g.decode(g.tokens_N_T[i]) for s in g.stop_strings)
                if seq.stop_reason == "stop" or spanned:
                    g.stopped_N[i] = "stop"
                elif len(g.tokens_N_T[i]) >= (g.params.max_tokens or 1):
                    g.stopped_N[i] = "length"
        for g in batch:
            g.steps += 1

    def _sample(self, calls: list[tuple[Generation, list[int], types.ModelInput, int,
                                         types.SamplingParams]]) -> list[types.SampleResponse]:
        """All calls of one step, submitted together so a local client decodes them in one batch.

        Every call is submitted before any result is awaited: local clients merge
        queued ``sample`` calls into one decode; remote ones run them concurrently.
        """
        futures = [self.sampling_client.sample(prompt=prompt, num_samples=n, sampling_params=p)
                   for _, _, prompt, n, p in calls]
        try:
            return [f.result() for f in futures]
        except CancelledError as err:  # the model worker is shutting down
            raise SchedulerClosed("the model worker shut down") from err
