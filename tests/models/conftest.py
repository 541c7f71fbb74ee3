"""Fixtures for the model-layer contract tests.

``service`` is parametrized over backends. Only ``local`` is built in here; the
remote-backend engineer extends ``BACKENDS`` / ``_make_service`` with ``tinker``
(skipped, saying why, when no API key is set). Contract tests that need the
local internals (gradients, base weights) skip other backends explicitly.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import torch

# The tiny model's matmuls are far too small to split across threads; on a shared
# 2-core machine intra-op threads spin against other processes and make every op
# ~30x slower. One thread keeps these tests fast (and does not change results).
torch.set_num_threads(1)

BACKENDS = ["local", "served", "tinker"]
"""``served``: the official SDK against ``selftaught serve --tinker`` on loopback."""
TINY = "tiny-random"
TINKER_TEST_MODEL = os.environ.get("TINKER_TEST_MODEL", "meta-llama/Llama-3.2-1B")
"""The Tinker base model the contract tests use on the ``tinker`` backend."""


def _make_service(backend: str, state_dir: Path, request: pytest.FixtureRequest) -> Any:
    if backend == "served":
        import tinker

        server = request.getfixturevalue("tinker_server")
        return tinker.ServiceClient(base_url=server.base_url, api_key="tml-local-server")
    if backend == "local":
        from selftaught.models import LocalServiceClient

        return LocalServiceClient(state_dir=state_dir)
    if backend == "tinker":
        from selftaught.models.remote import make_service, tinker_credential_source

        if tinker_credential_source() is None:
            pytest.skip("backend tinker: no TINKER_API_KEY set (export TINKER_API_KEY=tml-... "
                        "to run the contract tests against the Tinker service)")
        return make_service("tinker")
    raise pytest.UsageError(f"unknown backend {backend!r}")


@pytest.fixture(scope="session")
def tinker_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One Tinker-protocol server (selftaught's local service) on loopback for the session."""
    from selftaught.models import LocalServiceClient
    from selftaught.serve.server import ServerThread
    from selftaught.serve.tinker import create_tinker_app

    service = LocalServiceClient(state_dir=tmp_path_factory.mktemp("served-state"))
    with ServerThread(create_tinker_app(service)) as server:
        yield server


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def service(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    """A Tinker-shaped service client for each backend under test."""
    yield _make_service(backend, tmp_path / "state", request)


@pytest.fixture
def base_model(backend: str, request: pytest.FixtureRequest) -> str:
    """The model name the contract tests train (the tiny model locally and when served).

    Served, the tiny model goes by its exported directory, so that the SDK's
    ``SamplingClient.get_tokenizer()`` (which loads by model name) works offline.
    """
    if backend == "served":
        return str(request.getfixturevalue("tinker_server").app.state.tinker.export_name(TINY))
    return TINKER_TEST_MODEL if backend == "tinker" else TINY


@pytest.fixture
def local_only(service: Any) -> None:
    """Skip on backends whose internals (gradients, base weights) are not visible."""
    from selftaught.models import LocalServiceClient

    if not isinstance(service, LocalServiceClient):
        pytest.skip("needs the local backend's internals (parameters and gradients)")
