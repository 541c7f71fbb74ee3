"""Running the app: in the foreground (the CLI) or on a background thread (tests, notebooks).

Why a background server helper: a learner, a notebook or a test often wants a
served model *and* a client in one process. `ServerThread` binds the socket
itself (port 0 = a free port chosen by the OS, no race between "find a port"
and "bind it"), runs uvicorn on a thread, and returns only once
``GET /v1/models`` answers — readiness is observed, never guessed with a sleep.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from types import FrameType, TracebackType

import httpx
import uvicorn
from fastapi import FastAPI


class ServerStartError(RuntimeError):
    """The server did not come up; the message says where and why."""


def bind_socket(host: str, port: int) -> socket.socket:
    """A listening TCP socket on ``host:port`` (port 0 = any free port).

    Raises `ServerStartError` with one line when the address is taken or invalid.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as error:
        sock.close()
        raise ServerStartError(
            f"cannot listen on {host}:{port} ({error.strerror}); pick another --port "
            "or stop the process using it"
        ) from error
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def socket_url(sock: socket.socket) -> str:
    """``http://host:port`` of a bound socket (the real port when bound to port 0)."""
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


SHUTDOWN_GRACE_S = 3
"""Seconds a stopping server (SIGTERM, Ctrl-C) lets requests in progress finish; then their
tasks are cancelled, which cancels their generations, and the rest of the queue gets 503."""


def _config(app: FastAPI, sock: socket.socket, log_level: str) -> uvicorn.Config:
    """uvicorn's config for serving on ``sock`` (host and port kept consistent with it)."""
    host, port = sock.getsockname()[:2]
    return uvicorn.Config(app, host=host, port=port, log_level=log_level,
                          timeout_graceful_shutdown=SHUTDOWN_GRACE_S)


class _Server(uvicorn.Server):
    """uvicorn's server, stopping the app's work as soon as a stop signal arrives.

    uvicorn waits for requests in progress before it exits; a generation can run
    for minutes, so on SIGTERM/SIGINT the app's ``stop_work`` (the engine's
    ``close``: every queued generation fails with 503 at once) runs first.
    """

    def __init__(self, config: uvicorn.Config, app: FastAPI) -> None:
        super().__init__(config)
        self.stop_work: Callable[[], None] | None = getattr(app.state, "stop_work", None)

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        if self.stop_work is not None:
            self.stop_work()
        super().handle_exit(sig, frame)


def run_server(app: FastAPI, sock: socket.socket, log_level: str = "info") -> None:
    """Serve ``app`` on an already bound socket (see `bind_socket`) until interrupted."""
    server = _Server(_config(app, sock, log_level), app)
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()


def wait_until_ready(base_url: str, *, timeout_s: float = 30.0,
                     alive: threading.Thread | None = None) -> None:
    """Poll ``{base_url}/v1/models`` until it answers 200.

    Raises `ServerStartError` after ``timeout_s``, or as soon as ``alive`` (the
    server's thread) has died.
    """
    deadline = time.monotonic() + timeout_s
    last_error = "no answer yet"
    with httpx.Client(timeout=2.0) as client:
        while True:
            try:
                response = client.get(f"{base_url}/v1/models")
                if response.status_code == 200:
                    return
                last_error = f"HTTP {response.status_code}"
            except httpx.TransportError as error:
                last_error = type(error).__name__
            if alive is not None and not alive.is_alive():
                raise ServerStartError(f"server at {base_url} stopped before it was ready")
            if time.monotonic() > deadline:
                raise ServerStartError(
                    f"server at {base_url} not ready after {timeout_s:g} s ({last_error})"
                )
            time.sleep(0.05)  # poll interval, not a readiness guess


class ServerThread:
    """Serve an app on a background thread; use as a context manager.

    Example::

        with ServerThread(create_app(engine)) as server:
            client = OpenAISamplingClient(server.base_url + "/v1")
    """

    def __init__(self, app: FastAPI, host: str = "127.0.0.1", port: int = 0,
                 ready_timeout_s: float = 30.0) -> None:
        self.app = app
        self.host = host
        self.port = port
        self.ready_timeout_s = ready_timeout_s
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._sock: socket.socket | None = None
        self.base_url = ""

    def start(self) -> ServerThread:
        """Bind, start serving, and wait until ``/v1/models`` answers."""
        self._sock = bind_socket(self.host, self.port)
        self.base_url = socket_url(self._sock)
        self._server = uvicorn.Server(_config(self.app, self._sock, "warning"))
        sockets = [self._sock]
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": sockets}, name="selftaught-serve",
            daemon=True,
        )
        self._thread.start()
        try:
            wait_until_ready(self.base_url, timeout_s=self.ready_timeout_s, alive=self._thread)
        except ServerStartError:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Ask uvicorn to exit and wait for the thread."""
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10.0)
            if self._thread.is_alive():
                raise ServerStartError(f"server at {self.base_url} did not stop within 10 s")
        if self._sock is not None:
            self._sock.close()
        self._server = self._thread = self._sock = None

    def __enter__(self) -> ServerThread:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()
