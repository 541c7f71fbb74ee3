"""``--backend local|tinker|openai`` and ``--base-url``: one place that picks and checks a backend.

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

``serve`` takes the same options (`refused_serve`): ``--backend tinker`` serves a model that
runs on a Tinker service over OpenAI's chat API; the other pairings are refused, saying why.

The SDK's ``SamplingClient.get_tokenizer()`` looks the base model's *name* up on the
Hugging Face hub, which does not know selftaught's built-in models (``tiny-random``,
``smollm2-135m-instruct``) that ``selftaught serve --tinker`` serves. `sampling_tokenizer`
is what selftaught's own code calls instead: a built-in model's tokenizer is built here,
from the same source the server uses, and any other model's comes from the client.

``openai`` runs learners that learn in context only (``notes``, ``stateless``) over an
OpenAI-compatible chat endpoint (``--base-url``, e.g. ``selftaught serve``, vLLM,
Ollama; default ``$OPENAI_BASE_URL``) through `OpenAISamplingClient`. It has no
weights to train, so `refused_learners` names the learners it cannot run (``lora``,
``hybrid``) and commands refuse them before any run directory exists.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, get_args
from urllib.parse import urlparse

from selftaught.models.remote import BackendError, make_tinker_service, tinker_credential_source

BackendName = Literal["local", "tinker", "openai"]
BACKEND_NAMES: tuple[str, ...] = get_args(BackendName)
LOOPBACK_KEY = "tml-local-server"
"""The API key sent to a loopback Tinker-compatible server when the user set none."""
PROBE_TIMEOUT_S = 5.0
IN_CONTEXT_LEARNERS: tuple[str, ...] = ("notes", "stateless")
"""The model learners ``--backend openai`` can run: they learn in context, not in weights."""
WEIGHT_LEARNERS: tuple[str, ...] = ("lora", "lora-only", "hybrid")
"""Model learners that train weights: local or Tinker only."""


@dataclass(frozen=True)
class BackendChoice:
    """A checked backend: where model learners' clients come from."""

    name: BackendName = "local"
    base_url: str | None = None
    """``tinker`` only: the service URL (default: the SDK's, ``$TINKER_BASE_URL``)."""
    api_key: str | None = None

    def chat_client(self, model: str | None = None) -> Any:
        """``openai``: an `OpenAISamplingClient` on the endpoint (``model`` None: the first
        model the server lists)."""
        from selftaught.models.openai_client import OpenAISamplingClient

        if self.name != "openai" or self.base_url is None:
            raise BackendError(f"--backend {self.name} has no chat endpoint; use --backend openai")
        return OpenAISamplingClient(self.base_url, model, api_key=self.api_key)

    def make_service(self) -> Any:
        """A fresh service client for this backend (``openai`` has none: it trains nothing)."""
        if self.name == "openai":
            raise BackendError(
                "--backend openai has no training or token-level service: only the in-context "
                f"learners ({', '.join(IN_CONTEXT_LEARNERS)}) run on it; use --backend local "
                "or tinker for the others"
            )
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


def _probe(url: str, route: str, *, server: str, what: str) -> None:
    """Raise `BackendError` unless ``url`` answers ``route`` with 200: ``server`` is the
    command that starts one, ``what`` the kind of endpoint (both for the message)."""
    import httpx

    try:
        response = httpx.get(f"{url.rstrip('/')}{route}", timeout=PROBE_TIMEOUT_S)
    except httpx.HTTPError as error:
        raise BackendError(
            f"--base-url {url}: cannot reach it ({type(error).__name__}); start a server "
            f"(`{server}`) or check the URL"
        ) from None
    if response.status_code != 200:
        raise BackendError(
            f"--base-url {url}: answered HTTP {response.status_code} to {route}; is it {what}?"
        )


def _probe_tinker(url: str) -> None:
    _probe(url, "/api/v1/healthz", server="selftaught serve --tinker",
           what="a Tinker-compatible server")


def _probe_openai(url: str) -> None:
    _probe(url, "/models", server="selftaught serve",
           what="an OpenAI-compatible API root (usually ending in /v1)")


def _resolve_openai(base_url: str | None) -> BackendChoice:
    url = base_url or os.environ.get("OPENAI_BASE_URL")
    if url is None:
        raise BackendError(
            "--backend openai needs an endpoint: pass --base-url http://HOST:PORT/v1 (e.g. of "
            "`selftaught serve`) or set OPENAI_BASE_URL"
        )
    if not url.startswith(("http://", "https://")):
        raise BackendError(f"--base-url {url!r}: expected http://HOST:PORT/v1")
    api_key = os.environ.get("OPENAI_API_KEY")
    if api_key is None and not _is_loopback(url):
        raise BackendError(
            f"--backend openai: OPENAI_API_KEY is not set for {url}; set it with "
            "`export OPENAI_API_KEY=...` (a loopback server needs none)"
        )
    _probe_openai(url)
    return BackendChoice("openai", url, api_key)


def refused_learners(choice: BackendChoice, names: Sequence[str]) -> str | None:
    """One line refusing the weight-training learners in ``names`` on ``choice``, or None.

    >>> refused_learners(BackendChoice("openai", "http://127.0.0.1:1/v1"), ["notes", "lora"])
    "--backend openai: learner 'lora' trains weights, which an OpenAI-compatible endpoint \
cannot; run it with --backend local or tinker (in-context learners here: notes, stateless)"
    >>> refused_learners(BackendChoice(), ["lora"]) is None
    True
    """
    if choice.name != "openai":
        return None
    bad = [n for n in names if n in WEIGHT_LEARNERS]
    if not bad:
        return None
    which = ", ".join(repr(n) for n in bad)
    return (f"--backend openai: learner {which} trains weights, which an OpenAI-compatible "
            "endpoint cannot; run it with --backend local or tinker (in-context learners "
            f"here: {', '.join(IN_CONTEXT_LEARNERS)})")


def refused_serve(name: str, *, tinker_protocol: bool) -> str | None:
    """Why ``selftaught serve [--tinker] --backend name`` cannot run, in one line; None if it can.

    ``local`` serves a model loaded here (either protocol). ``tinker`` serves a model that runs
    on a Tinker service over OpenAI's chat API; a Tinker-protocol front end for a Tinker
    service would add nothing (the SDK connects to it directly). ``openai`` has nothing to
    serve: its endpoint already speaks OpenAI's API, and it has no tokens or gradients for the
    Tinker protocol.

    >>> refused_serve("tinker", tinker_protocol=False) is None
    True
    >>> refused_serve("openai", tinker_protocol=True).split(":")[0]
    'serve --tinker --backend openai'
    """
    if name == "tinker" and tinker_protocol:
        return ("serve --tinker --backend tinker: a Tinker service already speaks the Tinker "
                "protocol, so point the SDK at it (tinker.ServiceClient(base_url=...)); "
                "`serve --tinker` serves a local model (--backend local), and `serve --backend "
                "tinker` serves a Tinker model over OpenAI's chat API")
    if name == "openai" and tinker_protocol:
        return ("serve --tinker --backend openai: the Tinker protocol samples tokens and trains "
                "weights, which an OpenAI-compatible chat endpoint cannot; use --backend local")
    if name == "openai":
        return ("serve --backend openai: the endpoint already speaks OpenAI's API, so point your "
                "tools at its URL directly; serve runs a model with --backend local or tinker")
    return None


def sampling_tokenizer(client: Any) -> Any:
    """The tokenizer of a sampling client of any backend, with no hub lookup for built-ins.

    The tinker SDK's ``SamplingClient.get_tokenizer()`` loads
    ``AutoTokenizer.from_pretrained(<base model name>)``; for a built-in model served by
    ``selftaught serve --tinker`` the hub has no such repository (online it answers "not a
    valid model identifier"). The built-in models are deterministic (a fixed tiny spec, the
    packaged GGUF), so the tokenizer the server uses is rebuilt here. Local clients and every
    other model name use the client's own ``get_tokenizer()``.
    """
    from selftaught.models import MODEL_NAMES, LocalSamplingClient, load_tokenizer

    if isinstance(client, LocalSamplingClient):
        return client.get_tokenizer()
    name = client.get_base_model()
    if name in MODEL_NAMES:
        return load_tokenizer(name)
    return client.get_tokenizer()


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
            raise BackendError("--base-url needs --backend tinker or openai (the local backend "
                               "has no URL)")
        return BackendChoice()
    if name == "openai":
        return _resolve_openai(base_url)
    api_key = None
    if base_url is not None:
        if not base_url.startswith(("http://", "https://")):
            raise BackendError(f"--base-url {base_url!r}: expected http://HOST:PORT")
        if _is_loopback(base_url) and tinker_credential_source() is None:
            api_key = LOOPBACK_KEY
        _probe_tinker(base_url)
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
