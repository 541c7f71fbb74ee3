"""Tinker-shaped model clients that run locally on PyTorch + PEFT.

Why this package exists: every model learner needs to sample, score and change
weights. Mirroring the ``tinker`` SDK (same method names, same ``tinker.types``
objects) means learner code written here runs on the Tinker service by
swapping the service client, and vice versa.

Public API (stable; other parts code against it):

* ``ServiceClient`` (= ``LocalServiceClient(state_dir=None, device=None)``):
  ``create_lora_training_client(base_model, rank=32, seed=None, train_mlp=True,
  train_attn=True, train_unembed=True)`` and ``create_sampling_client(model_path=None,
  base_model=None)`` return futures of clients (``.result()`` or ``await``), like the SDK;
  ``create_training_client_from_state(path)`` / ``..._with_optimizer(path)``;
  ``get_server_capabilities()``.
* ``TrainingClient``: ``forward``, ``forward_backward(data, loss_fn, loss_fn_config=None)``
  with ``cross_entropy`` | ``importance_sampling`` | ``ppo``, ``forward_backward_custom``,
  ``optim_step(AdamParams)``, ``save_state(name)``, ``load_state(path)``,
  ``load_state_with_optimizer(path)``, ``save_weights_for_sampler(name)``,
  ``save_weights_and_get_sampling_client(name=None)``, ``create_sampling_client(path)``,
  ``get_tokenizer()``, ``get_info()``. Every call returns a future; calls execute in
  submission order.
* ``SamplingClient``: ``sample(prompt, num_samples, sampling_params,
  include_prompt_logprobs=False)``, ``compute_logprobs(prompt)``, ``sample_many(prompts,
  num_samples, sampling_params)`` (local extension: one batched decode for many prompts),
  ``get_tokenizer()``, ``get_base_model()``. A sampling client is a frozen snapshot.
* ``sample_many(client, prompts, num_samples, params)``: batched on local clients, fan-out
  of ``sample`` futures on any other Tinker-shaped client.
* ``load_model(name, device=None) -> LoadedModel``; ``load_tokenizer(name)`` (no weights);
  ``MODEL_NAMES``; ``ModelLoadError``.
* ``Renderer`` / ``get_renderer(tokenizer)``: chat messages <-> tokens.
* ``datum_from_tokens_weights(tokens, weights)``: the next-token shift into a ``Datum``;
  ``rl_datum(prompt_tokens, completion_tokens, completion_logprobs, advantage)``.
"""

from __future__ import annotations

from selftaught.models.chat import Message, Renderer, get_renderer
from selftaught.models.checkpoints import CheckpointError
from selftaught.models.datums import datum_from_tokens_weights, rl_datum
from selftaught.models.loading import (
    DEFAULT_MODEL,
    MODEL_NAMES,
    LoadedModel,
    ModelLoadError,
    cache_root,
    load_model,
    load_tokenizer,
    resolve_device,
)
from selftaught.models.local import LocalSamplingClient, LocalTrainingClient, sample_many
from selftaught.models.rest import LocalRestClient
from selftaught.models.service import LocalServiceClient

ServiceClient = LocalServiceClient
TrainingClient = LocalTrainingClient
SamplingClient = LocalSamplingClient

__all__ = [
    "DEFAULT_MODEL",
    "MODEL_NAMES",
    "CheckpointError",
    "LoadedModel",
    "LocalRestClient",
    "LocalSamplingClient",
    "LocalServiceClient",
    "LocalTrainingClient",
    "Message",
    "ModelLoadError",
    "Renderer",
    "SamplingClient",
    "ServiceClient",
    "TrainingClient",
    "cache_root",
    "datum_from_tokens_weights",
    "get_renderer",
    "load_model",
    "load_tokenizer",
    "resolve_device",
    "rl_datum",
    "sample_many",
]
