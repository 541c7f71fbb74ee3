"""``--backend local|tinker`` and ``--base-url``: one place that picks and checks a model service.

Why one helper: every command that runs model learners (``run``, ``study``, ``train``,
``learner new``) must fail the same way, *before* it creates a run directory, when the
chosen backend cannot work: no Tinker API key, or an endpoint that does not answer.
`resolve_backend` does those checks and returns a `BackendChoice`; `use_backend`
makes it the process default that model learners build their clients from
(`default_service`). Learners never see the difference: the local clients and the
``tinker`` SDK share method names and types.

``--base-url`` with ``tinker`` points the official SDK at any Tinker-compatible
server, e.g. ``selftaught serve --tinker`` on this machine; a loopback server needs
no real key (any ``tml-`` key is accepted, and one is supplied when none is set).
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass
from typing import Any, Literal, get_args
from urllib.parse import urlparse

from selftaught.models.remote import BackendError, make_tinker_service, tinker_credential_source

BackendName = Literal["local", "tinker"]
BACKEND_NAMES: tuple[str, ...] = get_args(BackendName)
LOOPBACK_KEY = "tml-local-server"
"""The API key sent to a loopback Tinker-compatible server when the user set none."""
PROBE_TIMEOUT_S = 5.0


@dataclass(frozen=True)
class BackendChoice:
    """A checked backend: where model learners' clients come from."""

    name: BackendName = "local"
    base_url: str | None = None
    """``tinker`` only: the service URL (default: the SDK's, ``$TINKER_BASE_URL``)."""
    api_key: str | None = None

    def make_service(self) -> Any:
        """A fresh service client for this backend."""
        if self.name == "local":
            from selftaught.models import LocalServiceClient

            return LocalServiceClient()
        return make_tinker_service(api_key=self.api_key, base_url=self.base_url)


def _is_loopback(url: str) -> bool:
    host = urlparse(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _probe(url: str) -> None:
    """Raise `BackendError` unless ``url`` answers the Tinker health check."""
    import httpx

    try:
        response = httpx.get(f"{url.rstrip('/')}/api/v1/healthz", timeout=PROBE_TIMEOUT_S)
    except httpx.HTTPError as error:
        raise BackendError(
            f"--base-url {url}: cannot reach it ({type(error).__name__}); start a server "
            "(`selftaught serve --tinker`) or check the URL"
        ) from None
    if response.status_code != 200:
        raise BackendError(
            f"--base-url {url}: answered HTTP {response.status_code} to /api/v1/healthz; "
            "is it a Tinker-compatible server?"
        )


def resolve_backend(name: str = "local", base_url: str | None = None) -> BackendChoice:
    """Check that ``name`` can run here; raise `BackendError` (one line, with the fix) if not.

    >>> resolve_backend("local")
    BackendChoice(name='local', base_url=None, api_key=None)
    """
    if name not in BACKEND_NAMES:
        raise BackendError(
            f"--backend: unknown {name!r} (expected one of: {', '.join(BACKEND_NAMES)})"
        )
    if name == "local":
        if base_url is not None:
            raise BackendError("--base-url needs --backend tinker (the local backend has no URL)")
        return BackendChoice()
    api_key = None
    if base_url is not None:
        if not base_url.startswith(("http://", "https://")):
            raise BackendError(f"--base-url {base_url!r}: expected http://HOST:PORT")
        if _is_loopback(base_url) and tinker_credential_source() is None:
            api_key = LOOPBACK_KEY
        _probe(base_url)
    if tinker_credential_source(api_key) is None:
        raise BackendError(
            "--backend tinker needs an API key: TINKER_API_KEY is not set; set it with "
            "`export TINKER_API_KEY=tml-...` (create a key in the Tinker console), or pass "
            "--base-url http://127.0.0.1:PORT of a local `selftaught serve --tinker`"
        )
    return BackendChoice("tinker", base_url or os.environ.get("TINKER_BASE_URL"), api_key)


_DEFAULT = BackendChoice()


def use_backend(choice: BackendChoice) -> None:
    """Make ``choice`` the backend model learners use when given no service."""
    global _DEFAULT
    _DEFAULT = choice


def current_backend() -> BackendChoice:
    """The backend `use_backend` chose (``local`` unless a command said otherwise)."""
    return _DEFAULT


def default_service() -> Any:
    """A service client of the current backend (what a model learner builds on)."""
    return _DEFAULT.make_service()
