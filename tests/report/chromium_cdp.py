"""A minimal Chrome DevTools Protocol client over ``--remote-debugging-pipe``, for tests.

Why a pipe and not selenium/playwright: the system Chromium (Debian package,
``/usr/bin/chromium``) speaks CDP on file descriptors 3 (commands in) and 4
(replies and events out), NUL-separated JSON. That needs no browser download,
no driver binary and no extra package, and it reports exactly what the report
test needs: console messages, uncaught exceptions, log entries (failed loads)
and every network request the page made.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
INSTALL_HINT = "run `bash .ci/chromium.sh` (installs the Debian chromium package; CI runs it)"

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--remote-debugging-pipe",
]


class CDPError(RuntimeError):
    """The browser answered a command with an error, died, or did not answer in time."""


@dataclass
class PageLoad:
    """What loading one page produced."""

    console: list[tuple[str, str]] = field(default_factory=list)
    """(type, text) of every console API call (log, warning, error, ...)."""
    exceptions: list[str] = field(default_factory=list)
    """Uncaught JavaScript exceptions."""
    log_entries: list[tuple[str, str]] = field(default_factory=list)
    """(level, text) of browser log entries: failed resource loads, violations, ..."""
    requests: list[str] = field(default_factory=list)
    """URL of every network request the page made (the page itself included)."""
    facts: dict[str, Any] = field(default_factory=dict)
    """The value of the expression evaluated after the load event."""

    def errors(self) -> list[str]:
        """Everything that counts as a console error."""
        return (
            [f"console.{kind}: {text}" for kind, text in self.console
             if kind in ("error", "assert")]
            + [f"exception: {text}" for text in self.exceptions]
            + [f"log {level}: {text}" for level, text in self.log_entries if level == "error"]
        )


class Chromium:
    """One headless Chromium process driven over the DevTools pipe."""

    def __init__(self, executable: Path = CHROMIUM, timeout: float = 45.0) -> None:
        if not executable.exists():
            raise FileNotFoundError(f"{executable} is missing; {INSTALL_HINT}")
        self.timeout = timeout
        self._profile = tempfile.TemporaryDirectory(prefix="selftaught-chromium-")
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115  (closed in close())
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def wire_fds() -> None:  # runs in the child: the pipe ends become fds 3 and 4
            high_r = os.dup(to_browser_r)
            high_w = os.dup(from_browser_w)
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)

        self.process = subprocess.Popen(
            [str(executable), *FLAGS, f"--user-data-dir={self._profile.name}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self._stderr,
            pass_fds=(3, 4), preexec_fn=wire_fds,
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self._events: list[dict[str, Any]] = []

    # -- protocol -----------------------------------------------------------------------------

    def send(self, method: str, params: dict[str, Any] | None = None,
             session: str | None = None) -> dict[str, Any]:
        """Send one command and wait for its reply; events arriving meanwhile are kept."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session is not None:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise CDPError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply.get("result", {})
                return result
            self._events.append(reply)

    def wait_event(self, method: str, session: str) -> dict[str, Any]:
        """Wait for the first (kept or new) event ``method`` of ``session``."""
        while True:
            for event in self._events:
                if event.get("method") == method and event.get("sessionId") == session:
                    return event
            self._events.append(self._read())

    def _read(self) -> dict[str, Any]:
        deadline = time.monotonic() + self.timeout
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self._from_browser], [], [], max(left, 0.0))
            if not ready:
                raise CDPError(f"no answer from chromium in {self.timeout:.0f} s; "
                               f"stderr: {self.stderr_tail()}")
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                raise CDPError(f"chromium closed the DevTools pipe (exit code "
                               f"{self.process.poll()}); stderr: {self.stderr_tail()}")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        parsed: dict[str, Any] = json.loads(message)
        return parsed

    # -- pages --------------------------------------------------------------------------------

    def load(self, url: str, expression: str) -> PageLoad:
        """Open ``url`` in a new tab, wait for its load event, evaluate ``expression``."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        for domain in ("Runtime", "Log", "Network", "Page"):
            self.send(f"{domain}.enable", session=session)
        self._events = [e for e in self._events if e.get("sessionId") != session]
        self.send("Page.navigate", {"url": url}, session=session)
        self.wait_event("Page.loadEventFired", session)
        value = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True},
                          session=session)
        if "exceptionDetails" in value:
            raise CDPError(f"evaluating the test expression failed: {value['exceptionDetails']}")
        page = PageLoad(facts=value["result"].get("value") or {})
        for event in self._events:
            if event.get("sessionId") != session:
                continue
            params = event.get("params", {})
            method = event.get("method")
            if method == "Runtime.consoleAPICalled":
                text = " ".join(str(a.get("value", a.get("description", ""))) for a in
                                params.get("args", []))
                page.console.append((params.get("type", ""), text))
            elif method == "Runtime.exceptionThrown":
                details = params.get("exceptionDetails", {})
                page.exceptions.append(str(details.get("exception", {}).get(
                    "description", details.get("text", ""))))
            elif method == "Log.entryAdded":
                entry = params.get("entry", {})
                page.log_entries.append((entry.get("level", ""),
                                         f"{entry.get('text', '')} {entry.get('url', '')}"))
            elif method == "Network.requestWillBeSent":
                page.requests.append(params.get("request", {}).get("url", ""))
        return page

    # -- lifetime -----------------------------------------------------------------------------

    def stderr_tail(self, chars: int = 2000) -> str:
        self._stderr.seek(0)
        return self._stderr.read().decode(errors="replace")[-chars:]

    def close(self) -> None:
        if self.process.poll() is None:
            try:
                self.send("Browser.close")
            except CDPError:
                self.process.kill()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        os.close(self._to_browser)
        os.close(self._from_browser)
        self._stderr.close()
        self._profile.cleanup()

    def __enter__(self) -> Chromium:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
