"""A bounded load test of an OpenAI-compatible server, driven by the official ``openai`` client.

Why in the library: CI's load test (``tests/serve/test_serve_load.py``) and the
benchmark script (``benchmarks/serve_load.py``) run the same code, so the
figures in the docs come from what CI checks. Concurrent clients each send
their requests one after another. Every answer is counted by HTTP status, and
the latency of each successful one is kept. Optionally every k-th request is
a hostile one (``n`` and ``max_tokens`` far over the limits, a prompt longer
than the context), which must be refused with a 4xx without slowing the rest.

`ServerProcess` runs ``selftaught serve`` as a child process, for the checks
only a real process can make: SIGTERM with work in flight, and latency
without the load generator sharing the server's interpreter.
"""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

import httpx
import numpy as np
import openai

HOSTILE: tuple[dict[str, Any], ...] = (
    {"n": 10_000, "max_tokens": 8},
    {"max_tokens": 1_000_000_000},
    {"messages": [{"role": "user", "content": "tok " * 20_000}], "max_tokens": 8},
)
"""Requests a bounded server must refuse with a 400 (mixed in with ``hostile_every``)."""


@dataclass(frozen=True)
class LoadConfig:
    """One load test's shape."""

    clients: int = 8
    """Concurrent clients (threads, each with its own ``openai.OpenAI``)."""
    requests_per_client: int = 4
    max_tokens: int = 16
    n: int = 1
    hostile_every: int = 0
    """Every k-th request of each client is one of `HOSTILE` (0 = none)."""
    timeout_s: float = 120.0
    """Per-request client timeout; a request that exceeds it counts as ``timeout``."""


@dataclass
class LoadResult:
    """What the load test saw."""

    statuses: Counter[str] = field(default_factory=Counter)
    """``200``, ``400``, ``429``, ``timeout``, ... -> count."""
    latencies_s: list[float] = field(default_factory=list)
    """Seconds per successful (200) request."""
    hostile_refused: int = 0
    """Hostile requests answered with a 4xx, as they must be."""
    hostile_sent: int = 0
    completion_tokens: int = 0
    wall_s: float = 0.0

    def percentile(self, q: float) -> float:
        """The ``q``-th percentile of successful latencies (NaN without any)."""
        return float(np.percentile(self.latencies_s, q)) if self.latencies_s else float("nan")

    def summary(self) -> dict[str, Any]:
        """The figures the docs and CI report."""
        ok = self.statuses.get("200", 0)
        return {
            "requests": sum(self.statuses.values()),
            "ok": ok,
            "statuses": dict(sorted(self.statuses.items())),
            "hostile_sent": self.hostile_sent,
            "hostile_refused": self.hostile_refused,
            "p50_s": round(self.percentile(50), 4),
            "p99_s": round(self.percentile(99), 4),
            "max_s": round(max(self.latencies_s), 4) if self.latencies_s else float("nan"),
            "wall_s": round(self.wall_s, 3),
            "requests_per_s": round(ok / self.wall_s, 3) if self.wall_s else float("nan"),
            "completion_tokens_per_s": (round(self.completion_tokens / self.wall_s, 2)
                                        if self.wall_s else float("nan")),
        }


def run_load(base_url: str, model: str, config: LoadConfig) -> LoadResult:
    """Drive ``{base_url}/v1`` with ``config.clients`` concurrent clients; see the module doc."""
    result = LoadResult()
    lock = threading.Lock()

    def client_loop(index: int) -> None:
        client = openai.OpenAI(base_url=f"{base_url}/v1", api_key="unused", max_retries=0,
                               timeout=config.timeout_s)
        for k in range(config.requests_per_client):
            hostile = config.hostile_every > 0 and (k + 1) % config.hostile_every == 0
            body: dict[str, Any] = {
                "messages": [{"role": "user", "content": f"Client {index}, request {k}: hi"}],
                "max_tokens": config.max_tokens, "n": config.n, "seed": index * 1000 + k,
            }
            if hostile:
                body.update(HOSTILE[(index + k) % len(HOSTILE)])
            start = time.perf_counter()
            try:
                reply = client.chat.completions.create(model=model, **body)
                status, tokens = "200", reply.usage.completion_tokens if reply.usage else 0
            except openai.APIStatusError as error:
                status, tokens = str(error.status_code), 0
            except openai.APITimeoutError:
                status, tokens = "timeout", 0
            except openai.APIConnectionError:
                status, tokens = "connection", 0
            seconds = time.perf_counter() - start
            with lock:
                result.statuses[status] += 1
                if hostile:
                    result.hostile_sent += 1
                    result.hostile_refused += status.startswith("4")
                elif status == "200":
                    result.latencies_s.append(seconds)
                    result.completion_tokens += tokens

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=config.clients) as pool:
        list(pool.map(client_loop, range(config.clients)))
    result.wall_s = time.perf_counter() - start
    return result


def health(base_url: str) -> dict[str, Any]:
    """``GET /health`` as a dict (raises ``httpx.HTTPError`` when the server does not answer)."""
    response = httpx.get(f"{base_url}/health", timeout=10.0)
    response.raise_for_status()
    return dict(response.json())


class ServerProcess:
    """``selftaught serve ARGS`` as a child process; ``base_url`` once it printed its URL.

    Use as a context manager; on exit the process is sent SIGTERM, then
    killed if it has not stopped within ``stop_timeout_s``.
    """

    def __init__(self, args: list[str], *, start_timeout_s: float = 120.0,
                 stop_timeout_s: float = 20.0) -> None:
        self.args = args
        self.start_timeout_s = start_timeout_s
        self.stop_timeout_s = stop_timeout_s
        self.output: list[str] = []
        self.base_url = ""
        self.proc: subprocess.Popen[str] | None = None
        self._lines: queue.Queue[str | None] = queue.Queue()

    def start(self) -> ServerProcess:
        """Start the server and wait for the URL it prints (RuntimeError with its output if not)."""
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "selftaught.cli.main", "serve", *self.args],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env={**os.environ, "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS", "1")},
        )
        threading.Thread(target=self._read, daemon=True).start()
        deadline = time.monotonic() + self.start_timeout_s
        while not self.base_url:
            try:
                line = self._lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                line = None
            if line is None:
                self.stop()
                raise RuntimeError("selftaught serve did not print its URL; output:\n"
                                   + "".join(self.output))
            found = re.search(r"at (http://[^\s]+)/v1", line)
            self.base_url = found.group(1) if found else ""
        return self

    def _read(self) -> None:
        assert self.proc is not None and self.proc.stdout is not None
        for line in self.proc.stdout:
            self.output.append(line)
            self._lines.put(line)
        self._lines.put(None)

    def terminate(self) -> float:
        """Send SIGTERM and return the seconds until the process exited (killed past the limit)."""
        assert self.proc is not None
        start = time.perf_counter()
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=self.stop_timeout_s)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise RuntimeError(f"selftaught serve did not stop within {self.stop_timeout_s:g} s "
                               "of SIGTERM (killed)") from None
        return time.perf_counter() - start

    def stop(self) -> None:
        """Terminate the process if it still runs."""
        if self.proc is not None and self.proc.poll() is None:
            self.terminate()

    def __enter__(self) -> ServerProcess:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()
