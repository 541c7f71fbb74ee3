"""Choose where models run: the local PyTorch service or the Tinker service.

Why a factory: learners are written against the Tinker-shaped client API only
(``create_lora_training_client``, ``create_sampling_client`` and the clients they
return). Because selftaught's local clients and the real ``tinker`` SDK share
method names and data types, "run this on Tinker" is a one-word change at the
one place a service is made — ``make_service("tinker")`` — and ``--backend
tinker`` on the CLI swaps everything beneath a learner.

The Tinker SDK resolves its credentials lazily (at the first request, deep in
a background thread). Checking them here, before anything starts, turns a
missing key into one clear line that says how to set it.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Literal, get_args

if TYPE_CHECKING:
    import tinker

    from selftaught.models import LocalServiceClient

Backend = Literal["local", "tinker"]
"""Where the model runs: ``local`` (PyTorch + PEFT in this process) or ``tinker`` (the service)."""

BACKENDS: tuple[str, ...] = get_args(Backend)

TINKER_KEY_HELP = (
    "set it with `export TINKER_API_KEY=tml-...` (create a key in the Tinker console), "
    "or run `tinker auth login`"
)


class BackendError(ValueError):
    """A backend cannot be used as configured; the message says how to fix it."""


def tinker_credential_source(api_key: str | None = None) -> str | None:
    """Where the Tinker SDK would take its credential from, or None if it has none.

    Mirrors the SDK's order: the ``api_key`` argument, ``$TINKER_API_KEY``,
    ``$TINKER_CREDENTIAL_CMD``, then the default key stored by ``tinker auth login``.
    Raises `BackendError` for a key that is set but malformed.
    """
    for source, key in (("api_key argument", api_key), ("TINKER_API_KEY", _env("TINKER_API_KEY"))):
        if key:
            if not key.startswith(("tml-", "eyJ")):
                raise BackendError(
                    f"{source}: a Tinker API key starts with 'tml-' (got {key[:4]!r}...); "
                    f"{TINKER_KEY_HELP}"
                )
            return source
    if _env("TINKER_CREDENTIAL_CMD"):
        return "TINKER_CREDENTIAL_CMD"
    from tinker.lib import credentials

    path = credentials.default_credentials_path()
    if path.is_file() and credentials.JsonCredentialStore(path).get_default_key() is not None:
        return str(path)
    return None


def _env(name: str) -> str | None:
    """An environment variable, with empty treated as unset."""
    return os.environ.get(name) or None


def make_tinker_service(
    *, api_key: str | None = None, base_url: str | None = None, **options: Any
) -> tinker.ServiceClient:
    """The real ``tinker.ServiceClient``, after checking that a credential exists.

    Args:
        api_key: overrides ``$TINKER_API_KEY``.
        base_url: overrides ``$TINKER_BASE_URL`` (e.g. a Tinker-compatible server).
        options: passed to ``tinker.ServiceClient`` (``project_id``, ``display_name``, ...).
    """
    if tinker_credential_source(api_key) is None:
        raise BackendError(f"backend 'tinker' needs an API key: TINKER_API_KEY is not set; "
                           f"{TINKER_KEY_HELP}")
    import tinker

    return tinker.ServiceClient(api_key=api_key, base_url=base_url, **options)


def make_service(
    backend: Backend = "local", **options: Any
) -> LocalServiceClient | tinker.ServiceClient:
    """A service client for ``backend``; learners make all their clients from it.

    Args:
        backend: ``local`` → `selftaught.models.LocalServiceClient`;
            ``tinker`` → ``tinker.ServiceClient`` (needs ``$TINKER_API_KEY``).
        options: keyword arguments for that service's constructor
            (for ``tinker``: ``api_key``, ``base_url``, ``project_id``, ...).

    Raises:
        BackendError: unknown backend, or ``tinker`` without a credential.
    """
    if backend == "local":
        from selftaught.models import LocalServiceClient

        return LocalServiceClient(**options)
    if backend == "tinker":
        return make_tinker_service(**options)
    return make_plugin_service(backend, **options)


def backend_names() -> tuple[str, ...]:
    """Every backend `make_service` accepts: the built-ins and installed plugins'
    (entry-point group ``selftaught.backends``: name -> a service factory)."""
    from selftaught.plugins import GROUPS, plugin_entry_points

    return (*BACKENDS, *sorted(set(plugin_entry_points(GROUPS["backends"])) - set(BACKENDS)))


def make_plugin_service(backend: str, **options: Any) -> Any:
    """The service of an installed backend plugin: its entry point's factory called with
    ``options``; the service must pass `check_service`."""
    from selftaught.plugins import GROUPS, load_plugin

    try:
        factory = load_plugin(GROUPS["backends"], backend)
    except KeyError:
        raise BackendError(f"backend: unknown {backend!r} (expected one of: "
                           f"{', '.join(backend_names())})") from None
    if not callable(factory):
        raise BackendError(f"backend plugin {backend!r} is not a callable service factory")
    service = factory(**options)
    check_service(service, backend)
    return service


SERVICE_METHODS: tuple[str, ...] = (
    "create_lora_training_client", "create_sampling_client",
    "create_training_client_from_state_with_optimizer",
)
"""The Tinker ``ServiceClient`` methods learners and meta-training call."""


def check_service(service: Any, backend: str = "service") -> None:
    """Conformance of a backend's service, shallow: it has the ``ServiceClient`` methods
    (`SERVICE_METHODS`). The deep check is the client contract tests (docs/plugins.md)."""
    missing = [m for m in SERVICE_METHODS if not callable(getattr(service, m, None))]
    if missing:
        raise BackendError(f"backend {backend!r}: its service lacks {', '.join(missing)} "
                           "(a Tinker-shaped ServiceClient has them)")
