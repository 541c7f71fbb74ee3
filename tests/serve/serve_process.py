"""A ``selftaught serve ...`` command as a real process, for the tests in this folder.

Why a helper: the serve tests start the command the way a user does (a process on a
free port that prints its URL), talk to it, then Ctrl-C it and check that it stopped
cleanly. Reading the URL from a pipe without blocking forever, and stopping the process
even when the test fails, is the same every time.
"""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest

SERVE = (
    "import typer; from selftaught.cli import models; app = typer.Typer(); "
    "models.register(app); app()"
)
"""Only the ``serve`` command's module: starts faster than the whole CLI."""


@dataclass
class Served:
    """A running serve process: its URL, its output so far, and (after it stopped) its exit
    status."""

    url: str
    lines: list[str] = field(default_factory=list)
    returncode: int | None = None

    @property
    def output(self) -> str:
        return "".join(self.lines)


@contextmanager
def serve_process(
    args: list[str], *, url_pattern: str, env: dict[str, str] | None = None,
    timeout_s: float = 120,
) -> Iterator[Served]:
    """Run ``selftaught serve <args>``; yield once a line matches ``url_pattern`` (its group 1
    is the URL); on exit send SIGINT, wait, and fail if the output shows a traceback."""
    proc = subprocess.Popen(
        [sys.executable, "-c", SERVE, "serve", *args],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "OMP_NUM_THREADS": "1", **(env or {})},
    )  # fmt: skip
    lines: queue.Queue[str] = queue.Queue()
    assert proc.stdout is not None
    stdout = proc.stdout
    reader = threading.Thread(target=lambda: [lines.put(line) for line in stdout], daemon=True)
    reader.start()
    seen: list[str] = []
    try:
        url = None
        while url is None:
            try:
                line = lines.get(timeout=timeout_s)
            except queue.Empty:
                pytest.fail(f"serve {' '.join(args)} printed no URL in {timeout_s} s: {seen}")
            seen.append(line)
            if match := re.search(url_pattern, line):
                url = match.group(1)
            if proc.poll() is not None:
                pytest.fail(f"serve {' '.join(args)} exited early: {seen}")
        served = Served(url, seen)
        yield served
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            code = proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
        reader.join(timeout=10)  # the pipe reaches EOF once the process has exited
        while not lines.empty():
            seen.append(lines.get_nowait())
    served.returncode = code
    assert "Traceback" not in served.output, served.output
