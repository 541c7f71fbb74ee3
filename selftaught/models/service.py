"""The local ``ServiceClient``: the one place local training and sampling clients are made.

Why its own module: it is the class Tinker code swaps (``tinker.ServiceClient`` ->
`LocalServiceClient`), so it takes the SDK's constructor and methods verbatim,
including the ``*_async`` twins and the futures that act as clients; the clients it
returns live in `selftaught.models.local`.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import torch
from tinker import types
from tinker.lib.public_interfaces.api_future import APIFuture

from selftaught.models.checkpoints import load_checkpoint
from selftaught.models.futures import ClientFuture, add_async_methods, completed
from selftaught.models.host import LoraSpec, ModelHost, get_host
from selftaught.models.loading import cache_root
from selftaught.models.local import LocalSamplingClient, LocalTrainingClient
from selftaught.models.rest import LocalRestClient, server_capabilities
from selftaught.models.worker import WORKER


def default_state_dir() -> Path:
    """Where checkpoints go by default: ``$SELFTAUGHT_CACHE/checkpoints``."""
    return cache_root() / "checkpoints"


@add_async_methods(
    returns_value=(
        "create_lora_training_client",
        "create_training_client_from_state",
        "create_training_client_from_state_with_optimizer",
        "create_sampling_client",
        "get_server_capabilities",
    )
)
class LocalServiceClient:
    """Creates local training and sampling clients (the SDK's ``ServiceClient``).

    Takes the SDK's constructor arguments so ``tinker.ServiceClient`` can be swapped
    for it unchanged; those with no local meaning are accepted and ignored:
    ``user_metadata`` (kept as the default metadata of the runs it creates),
    ``project_id``, ``display_name``, ``base_url``, ``api_key``,
    ``default_headers_overrides`` and any other SDK keyword.

    Local options (keyword-only): ``state_dir`` is where ``save_state(name)``
    checkpoints go (default ``$SELFTAUGHT_CACHE/checkpoints``); ``device`` defaults to
    CUDA when available; ``model_aliases`` maps model names the calling code uses
    (e.g. ``"Qwen/Qwen3-8B"``) to the local model that serves them (``"tiny-random"``).
    """

    def __init__(
        self,
        user_metadata: dict[str, str] | None = None,
        project_id: str | None = None,
        *,
        display_name: str | None = None,
        base_url: str | None = None,
        api_key: str | None = None,
        default_headers_overrides: Mapping[str, str] | None = None,
        state_dir: str | Path | None = None,
        device: str | torch.device | None = None,
        model_aliases: Mapping[str, str] | None = None,
        **kwargs: Any,
    ) -> None:
        del project_id, display_name, base_url, api_key, default_headers_overrides, kwargs
        self.user_metadata = dict(user_metadata or {})
        self.state_dir = Path(state_dir) if state_dir is not None else default_state_dir()
        self.device = device
        self.model_aliases = dict(model_aliases or {})

    def __enter__(self) -> LocalServiceClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close("errored" if exc_info and exc_info[0] is not None else "success")

    def close(
        self,
        status: Literal["success", "errored", "interrupted"] = "success",
        detail: str | None = None,
    ) -> APIFuture[None]:
        """End the session (locally nothing to release: models stay loaded for reuse)."""
        del status, detail
        return completed(None)

    def _host(self, base_model: str) -> ModelHost:
        return get_host(self.model_aliases.get(base_model, base_model), self.device)

    def create_lora_training_client(
        self,
        base_model: str,
        rank: int = 32,
        seed: int | None = None,
        train_mlp: bool = True,
        train_attn: bool = True,
        train_unembed: bool = True,
        user_metadata: dict[str, str] | None = None,
        optimizer: types.OptimizerConfig | None = None,
    ) -> ClientFuture[LocalTrainingClient]:
        """A future of a training client with a fresh LoRA (starts equal to the base model).

        The future also acts as the client. ``user_metadata`` is stored with the run
        (the REST client returns it). The optimizer is always AdamW (the SDK's default
        ``AdamOptimizerConfig``).
        """
        _check_optimizer(optimizer)
        spec = LoraSpec(rank, seed, train_mlp, train_attn, train_unembed)
        spec.target_modules()  # validate now, in the caller's thread
        metadata = {**self.user_metadata, **(user_metadata or {})} or None

        def create() -> LocalTrainingClient:
            host = self._host(base_model)
            return LocalTrainingClient(
                self, host, base_model, host.add_adapter("train", spec), spec, metadata
            )

        return ClientFuture(WORKER.submit(create))

    def _from_state(
        self,
        path: str,
        base_model: str | None,
        optimizer: bool,
        user_metadata: dict[str, str] | None,
    ) -> ClientFuture[LocalTrainingClient]:
        metadata = {**self.user_metadata, **(user_metadata or {})} or None

        def create() -> LocalTrainingClient:
            meta, weights, opt_state = load_checkpoint(path, with_optimizer=optimizer)
            model = base_model or meta.base_model
            spec = LoraSpec(
                meta.rank, meta.seed, meta.train_mlp, meta.train_attn, meta.train_unembed
            )
            host = self._host(model)
            client = LocalTrainingClient(
                self, host, model, host.add_adapter("train", spec), spec, metadata
            )
            host.load_adapter_state(client.adapter, weights)
            if opt_state is not None and opt_state.get("param_groups"):
                client._optimizer().load_state_dict(opt_state)
            return client

        return ClientFuture(WORKER.submit(create))

    def create_training_client_from_state(
        self,
        path: str,
        base_model: str | None = None,
        user_metadata: dict[str, str] | None = None,
        weights_access_token: str | None = None,
        optimizer: types.OptimizerConfig | None = None,
    ) -> ClientFuture[LocalTrainingClient]:
        """A future of a training client with the checkpoint's LoRA weights (fresh optimizer).

        ``weights_access_token`` has no local meaning (local files need no token).
        """
        del weights_access_token
        _check_optimizer(optimizer)
        return self._from_state(path, base_model, False, user_metadata)

    def create_training_client_from_state_with_optimizer(
        self,
        path: str,
        base_model: str | None = None,
        user_metadata: dict[str, str] | None = None,
        weights_access_token: str | None = None,
    ) -> ClientFuture[LocalTrainingClient]:
        """As `create_training_client_from_state`, also restoring the optimizer (Adam moments)."""
        del weights_access_token
        return self._from_state(path, base_model, True, user_metadata)

    def create_sampling_client(
        self,
        model_path: str | None = None,
        base_model: str | None = None,
        retry_config: Any = None,
        record_stability_info: bool = False,
    ) -> ClientFuture[LocalSamplingClient]:
        """A future of a sampling client on a base model, or on saved weights (``model_path``).

        ``retry_config`` (the SDK's network retry policy) and ``record_stability_info``
        (server-side numerics bookkeeping) have no local meaning.
        """
        del retry_config, record_stability_info
        if model_path is None and base_model is None:
            raise ValueError("Either model_path or base_model must be provided")

        def create() -> LocalSamplingClient:
            if model_path is None:
                assert base_model is not None
                return LocalSamplingClient(self._host(base_model), base_model, None)
            meta, weights, _ = load_checkpoint(model_path)
            host = self._host(base_model or meta.base_model)
            spec = LoraSpec(
                meta.rank, meta.seed, meta.train_mlp, meta.train_attn, meta.train_unembed
            )
            adapter = host.add_adapter("snap", spec)
            host.load_adapter_state(adapter, weights)
            return LocalSamplingClient(host, base_model or meta.base_model, adapter)

        return ClientFuture(WORKER.submit(create))

    def create_rest_client(self) -> LocalRestClient:
        """A REST client over this service's checkpoints (``state_dir``)."""
        return LocalRestClient(self.state_dir)

    def copy_weights(
        self, path: str, *, ttl_seconds: int | None = None, weights_access_token: str | None = None
    ) -> APIFuture[str]:
        """Copy a checkpoint (see `LocalRestClient.copy_weights`); a future of the copy's path."""
        return self.create_rest_client().copy_weights(
            path, ttl_seconds=ttl_seconds, weights_access_token=weights_access_token
        )

    def get_server_capabilities(self) -> types.GetServerCapabilitiesResponse:
        """The built-in models and aliases (any local Hugging Face directory also works)."""
        caps = server_capabilities()
        aliases = [
            types.SupportedModel(model_name=name, trainable=True, sampleable=True)
            for name in self.model_aliases
        ]
        return types.GetServerCapabilitiesResponse(
            supported_models=[*caps.supported_models, *aliases]
        )

    def get_console_url(self) -> str:
        """Where this service's runs live (a ``file://`` URL of ``state_dir``)."""
        return self.state_dir.resolve().as_uri()

    def get_telemetry(self) -> None:
        """Local runs send no telemetry."""
        return None


def _check_optimizer(optimizer: types.OptimizerConfig | None) -> None:
    if optimizer is not None and optimizer.type != "adamw":
        raise ValueError(f"optimizer {optimizer.type!r}: the local backend only has AdamW")
