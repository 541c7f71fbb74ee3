"""Local Tinker-shaped clients: ServiceClient, TrainingClient, SamplingClient.

Why mirror the SDK: learner code written against these clients runs on the
Tinker service by swapping the service client (and vice versa), because the
method names, arguments, futures and `tinker.types` objects are the SDK's own.
Differences from the SDK, all documented on the methods:

* checkpoints are local directories (plain absolute paths; ``local://`` accepted);
* ``sample`` supports ``include_prompt_logprobs`` but not the top-k / target /
  alternative-token prompt options (they raise ``ValueError``);
* ``sample_many`` (and the `sample_many` helper) batches many prompts in one call;
* ``forward_backward_custom`` runs in ONE forward/backward (the loss is applied
  with autograd directly, where the SDK needs a second pass).

Every call is queued on one worker thread (`selftaught.models.worker`), so
requests execute in submission order across all clients of the process.
"""

from __future__ import annotations

import sys
import uuid
import weakref
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import torch
from tinker import types
from tinker.lib.public_interfaces.api_future import APIFuture

from selftaught.models import losses
from selftaught.models.checkpoints import (
    CheckpointMeta,
    load_checkpoint,
    resolve_path,
    save_checkpoint,
)
from selftaught.models.futures import ClientFuture, add_async_methods
from selftaught.models.host import LoraSpec, ModelHost, micro_batches
from selftaught.models.prompt_scores import PromptOptions, add_extras
from selftaught.models.rest import (
    RunRecord,
    expiry,
    write_run_record,
)
from selftaught.models.sampling import SampleRequest, validate_params
from selftaught.models.worker import WORKER

if TYPE_CHECKING:
    from selftaught.models.service import LocalServiceClient

CustomLossFn = Callable[
    [list[types.Datum], list[torch.Tensor]], tuple[torch.Tensor, dict[str, float]]
]
"""``(data, logprobs_list) -> (loss, metrics)``, as the SDK's ``forward_backward_custom``."""


@add_async_methods(
    returns_future=(
        "forward",
        "forward_backward",
        "forward_backward_custom",
        "optim_step",
        "save_state",
        "load_state",
        "load_state_with_optimizer",
        "save_weights_for_sampler",
    ),
    returns_value=("get_info", "create_sampling_client", "save_weights_and_get_sampling_client"),
)
class LocalTrainingClient:
    """A LoRA on a shared base model: forward/backward, AdamW steps, checkpoints."""

    def __init__(
        self,
        service: LocalServiceClient,
        host: ModelHost,
        base_model: str,
        adapter: str,
        spec: LoraSpec,
        user_metadata: dict[str, str] | None = None,
    ) -> None:
        self.service = service
        self.host = host
        self.base_model = base_model
        self.adapter = adapter
        self.spec = spec
        self.user_metadata = user_metadata
        self.created_at = datetime.now(UTC)
        self.model_id: types.ModelID = f"local-{uuid.uuid4().hex[:12]}"
        self._optim: torch.optim.AdamW | None = None

    # ------------------------------------------------------------ forward / backward

    def forward(
        self,
        data: list[types.Datum],
        loss_fn: types.LossFnType,
        loss_fn_config: Mapping[str, float | str] | None = None,
    ) -> APIFuture[types.ForwardBackwardOutput]:
        """Loss and per-datum target ``logprobs`` without gradients."""
        data = list(data)  # the caller may reuse its list before the job runs
        self._check(data, loss_fn)
        return WORKER.submit(lambda: self._run(data, loss_fn, loss_fn_config, backward=False))

    def forward_backward(
        self,
        data: list[types.Datum],
        loss_fn: types.LossFnType,
        loss_fn_config: Mapping[str, float | str] | None = None,
    ) -> APIFuture[types.ForwardBackwardOutput]:
        """Accumulate gradients of the summed loss (cleared by `optim_step`)."""
        data = list(data)  # the caller may reuse its list before the job runs
        self._check(data, loss_fn)
        return WORKER.submit(lambda: self._run(data, loss_fn, loss_fn_config, backward=True))

    def forward_backward_custom(
        self,
        data: list[types.Datum],
        loss_fn: CustomLossFn,
        *,
        loss_type_input: Literal["logprobs"] | None = None,
    ) -> APIFuture[types.ForwardBackwardOutput]:
        """Gradients of ``loss_fn(data, logprobs_list)``; ``logprobs_list[i]`` is datum i's [T].

        ``loss_type_input``: only ``"logprobs"`` (the default) exists. A server-compiled
        ``LossHandle`` (``ServiceClient.create_custom_loss``) is not supported locally:
        pass the Python function itself.
        """
        if loss_type_input not in (None, "logprobs"):
            raise ValueError(f"loss_type_input={loss_type_input!r}: only 'logprobs' exists")
        if not callable(loss_fn):
            raise TypeError(
                f"loss_fn: got {type(loss_fn).__name__}; the local backend takes a Python "
                "function (data, logprobs_list) -> (loss, metrics), not a LossHandle"
            )
        data = list(data)
        if not data:
            raise ValueError("No data provided")
        for i, datum in enumerate(data):
            _target_tokens(datum, i)
        return WORKER.submit(lambda: self._run_custom(data, loss_fn))

    @staticmethod
    def _check(data: list[types.Datum], loss_fn: str) -> None:
        if not data:
            raise ValueError("No data provided")
        for i, datum in enumerate(data):
            losses.check_loss_inputs(loss_fn, set(datum.loss_fn_inputs), i)
            _target_tokens(datum, i)

    def _run(
        self,
        data: list[types.Datum],
        loss_fn: str,
        config: Mapping[str, float | str] | None,
        backward: bool,
    ) -> types.ForwardBackwardOutput:
        outputs: list[types.LossFnOutput] = []
        total = 0.0
        pairs = [(d.model_input.to_ints(), _target_tokens(d, i)) for i, d in enumerate(data)]
        with (
            self.host.using(self.adapter, train=backward) as model,
            torch.set_grad_enabled(backward),
        ):
            for group in micro_batches([len(tokens) for tokens, _ in pairs]):
                logprobs = self.host.target_logprobs(model, [pairs[i] for i in group])
                loss = torch.zeros((), device=self.host.loaded.device)
                for i, lp in zip(group, logprobs, strict=True):
                    inputs = {
                        k: v.to_torch().to(lp.device)
                        for k, v in data[i].loss_fn_inputs.items()
                        if k != "target_tokens"
                    }
                    loss = loss + losses.datum_loss(loss_fn, lp, inputs, config)
                if backward:
                    loss.backward()
                total += float(loss.detach())
                outputs.extend(
                    {"logprobs": types.TensorData.from_torch(lp.detach().cpu())} for lp in logprobs
                )
        return types.ForwardBackwardOutput(
            loss_fn_output_type="TensorData", loss_fn_outputs=outputs, metrics={"loss:sum": total}
        )

    def _run_custom(
        self, data: list[types.Datum], loss_fn: CustomLossFn
    ) -> types.ForwardBackwardOutput:
        pairs = [(d.model_input.to_ints(), _target_tokens(d, i)) for i, d in enumerate(data)]
        with self.host.using(self.adapter, train=True) as model, torch.enable_grad():
            logprobs = self.host.target_logprobs(model, pairs)
            loss, metrics = loss_fn(data, logprobs)
            loss.backward()
        out_metrics = {
            k: float(v.detach()) if isinstance(v, torch.Tensor) else float(v)
            for k, v in metrics.items()
        }
        out_metrics["loss:sum"] = float(loss.detach().sum())
        return types.ForwardBackwardOutput(
            loss_fn_output_type="TensorData",
            loss_fn_outputs=[
                {"logprobs": types.TensorData.from_torch(lp.detach().cpu())} for lp in logprobs
            ],
            metrics=out_metrics,
        )

    # ------------------------------------------------------------ optimizer

    def _optimizer(self) -> torch.optim.AdamW:
        if self._optim is None:
            self._optim = torch.optim.AdamW(
                self.host.adapter_params(self.adapter),
                lr=1e-4,
                betas=(0.9, 0.95),
                eps=1e-12,
                weight_decay=0.0,
            )
        return self._optim

    def optim_step(
        self,
        optim_params: types.AdamParams | None = None,
        *,
        adam_params: types.AdamParams | None = None,
    ) -> APIFuture[types.OptimStepResponse]:
        """One AdamW step with these hyperparameters on the accumulated gradients; clears them."""
        if optim_params is not None and adam_params is not None:
            raise ValueError("Specify optim_params or legacy adam_params, not both")
        params = optim_params if optim_params is not None else adam_params
        if not isinstance(params, types.AdamParams):
            raise TypeError("the local backend's optim_step takes types.AdamParams")
        return WORKER.submit(lambda: self._step(params))

    def _step(self, params: types.AdamParams) -> types.OptimStepResponse:
        optim = self._optimizer()
        for group in optim.param_groups:
            group.update(
                lr=params.learning_rate,
                betas=(params.beta1, params.beta2),
                eps=params.eps,
                weight_decay=params.weight_decay,
            )
        tensors = [p for g in optim.param_groups for p in g["params"]]
        grads = [p.grad for p in tensors if p.grad is not None]
        norm = (
            float(
                torch.linalg.vector_norm(torch.stack([torch.linalg.vector_norm(g) for g in grads]))
            )
            if grads
            else 0.0
        )
        if params.grad_clip_norm > 0 and grads:
            torch.nn.utils.clip_grad_norm_(tensors, params.grad_clip_norm)
        optim.step()
        optim.zero_grad(set_to_none=True)
        return types.OptimStepResponse(metrics={"grad_norm:mean": norm})

    # ------------------------------------------------------------ checkpoints

    def _target(self, name: str, kind: str) -> Path:
        if Path(name).is_absolute() or name.startswith("local://"):
            return resolve_path(name)
        if not name or "/" in name or name in (".", ".."):
            raise ValueError(
                f"checkpoint name {name!r}: use a plain name or an absolute directory path"
            )
        return (self.service.state_dir / self.model_id / kind / name).resolve()

    def _meta(
        self,
        kind: Literal["state", "sampler"],
        ttl_seconds: int | None = None,
        user_metadata: dict[str, str] | None = None,
    ) -> CheckpointMeta:
        s = self.spec
        return CheckpointMeta(
            training_run_id=self.model_id,
            user_metadata=user_metadata,
            created_at=datetime.now(UTC),
            expires_at=expiry(ttl_seconds),
            kind=kind,
            base_model=self.base_model,
            rank=s.rank,
            seed=s.seed,
            train_mlp=s.train_mlp,
            train_attn=s.train_attn,
            train_unembed=s.train_unembed,
            has_optimizer=kind == "state",
        )

    def _record_run(self) -> None:
        """Write this client's ``training_run.json`` (what the REST client reads)."""
        write_run_record(
            self.service.state_dir / self.model_id,
            RunRecord(
                training_run_id=self.model_id,
                base_model=self.base_model,
                lora_rank=self.spec.rank,
                user_metadata=self.user_metadata,
                created_at=self.created_at,
            ),
        )

    def save_state(
        self,
        name: str,
        ttl_seconds: int | None = None,
        overwrite: bool = False,
        user_metadata: dict[str, str] | None = None,
    ) -> APIFuture[types.SaveWeightsResponse]:
        """Save LoRA weights and optimizer state; ``.path`` is the checkpoint directory.

        ``name`` is a plain name (under ``state_dir/<model_id>/weights/``) or an absolute path.
        ``ttl_seconds``: the REST client deletes the checkpoint after that long.
        """
        target = self._target(name, "weights")
        meta = self._meta("state", ttl_seconds, user_metadata)

        def save() -> types.SaveWeightsResponse:
            opt = self._optimizer().state_dict()  # a fresh AdamW if no step yet
            self._record_run()
            save_checkpoint(
                target,
                meta,
                self.host.adapter_state(self.adapter),
                self.host.peft.peft_config[self.adapter],
                opt,
                overwrite,
            )
            return types.SaveWeightsResponse(path=str(target))

        return WORKER.submit(save)

    def save_weights_for_sampler(
        self, name: str, ttl_seconds: int | None = None, user_metadata: dict[str, str] | None = None
    ) -> APIFuture[types.SaveWeightsForSamplerResponse]:
        """Save LoRA weights only, for ``create_sampling_client(model_path=...)``."""
        target = self._target(name, "sampler_weights")
        meta = self._meta("sampler", ttl_seconds, user_metadata)

        def save() -> types.SaveWeightsForSamplerResponse:
            self._record_run()
            save_checkpoint(
                target,
                meta,
                self.host.adapter_state(self.adapter),
                self.host.peft.peft_config[self.adapter],
                None,
                overwrite=True,
            )
            return types.SaveWeightsForSamplerResponse(path=str(target))

        return WORKER.submit(save)

    def _load(self, path: str, optimizer: bool) -> types.LoadWeightsResponse:
        meta, weights, opt_state = load_checkpoint(path, with_optimizer=optimizer)
        if (meta.rank, meta.train_mlp, meta.train_attn, meta.train_unembed) != (
            self.spec.rank,
            self.spec.train_mlp,
            self.spec.train_attn,
            self.spec.train_unembed,
        ):
            raise ValueError(
                f"{path}: checkpoint LoRA shape differs from this client's; use "
                "ServiceClient.create_training_client_from_state instead"
            )
        self.host.load_adapter_state(self.adapter, weights)
        if opt_state is not None and opt_state.get("param_groups"):
            self._optimizer().load_state_dict(opt_state)
        else:  # saved before any optim_step: there is no optimizer state to restore
            self._optim = None
        return types.LoadWeightsResponse(path=str(resolve_path(path)), model_id=self.model_id)

    def load_state(
        self, path: str, weights_access_token: str | None = None
    ) -> APIFuture[types.LoadWeightsResponse]:
        """Load LoRA weights from a checkpoint (optimizer state is reset).

        ``weights_access_token`` has no local meaning (local files need no token).
        """
        del weights_access_token
        return WORKER.submit(lambda: self._load(path, optimizer=False))

    def load_state_with_optimizer(
        self, path: str, weights_access_token: str | None = None
    ) -> APIFuture[types.LoadWeightsResponse]:
        """Load LoRA weights and optimizer state from a ``save_state`` checkpoint."""
        del weights_access_token
        return WORKER.submit(lambda: self._load(path, optimizer=True))

    # ------------------------------------------------------------ sampling clients

    def save_weights_and_get_sampling_client(
        self,
        name: str | None = None,
        retry_config: Any = None,
        record_stability_info: bool = False,
        kind: types.SamplingClientKind = "snapshot",
    ) -> ClientFuture[LocalSamplingClient]:
        """A sampling client on a frozen snapshot of the current weights.

        ``name`` is ignored (the snapshot lives in memory); ``retry_config`` and
        ``record_stability_info`` have no local meaning.
        """
        del name, retry_config, record_stability_info
        if kind != "snapshot":
            raise ValueError(f"kind={kind!r}: the local backend only makes snapshot samplers")
        return ClientFuture(
            WORKER.submit(
                lambda: LocalSamplingClient(
                    self.host, self.base_model, self.host.snapshot(self.adapter)
                )
            )
        )

    def create_sampling_client(
        self, model_path: str, retry_config: Any = None, record_stability_info: bool = False
    ) -> ClientFuture[LocalSamplingClient]:
        """A sampling client on saved weights."""
        return self.service.create_sampling_client(
            model_path=model_path,
            base_model=self.base_model,
            retry_config=retry_config,
            record_stability_info=record_stability_info,
        )

    def get_console_url(self) -> str:
        """Where this run's checkpoints go (a ``file://`` URL)."""
        return (self.service.state_dir / self.model_id).resolve().as_uri()

    def get_telemetry(self) -> None:
        """Local runs send no telemetry."""
        return None

    def get_tokenizer(self) -> Any:
        """The base model's Hugging Face tokenizer."""
        return self.host.loaded.tokenizer

    def get_info(self) -> types.GetInfoResponse:
        """Base model and LoRA configuration."""
        return types.GetInfoResponse(
            model_data=types.ModelData(
                arch=str(self.host.loaded.model.config.model_type), model_name=self.base_model
            ),
            model_id=self.model_id,
            is_lora=True,
            lora_rank=self.spec.rank,
            model_name=self.base_model,
        )


@add_async_methods(returns_value=("sample", "compute_logprobs", "get_base_model"))
class LocalSamplingClient:
    """Samples from a frozen snapshot of weights (base model, or base + a LoRA copy)."""

    def __init__(self, host: ModelHost, base_model: str, adapter: str | None) -> None:
        self.host = host
        self.base_model = base_model
        self.adapter = adapter
        self._key = (id(host), adapter, uuid.uuid4().hex)
        if adapter is not None:
            # Free the snapshot's adapter when this client is garbage-collected; never at
            # interpreter exit (torch work in a daemon thread during shutdown aborts).
            weakref.finalize(self, _release_adapter, host, adapter).atexit = False

    def _run_requests(
        self, payloads: list[list[SampleRequest]]
    ) -> list[list[types.SampleResponse]]:
        flat = [r for p in payloads for r in p]
        responses = self.host.generate(self.adapter, flat)
        out, k = [], 0
        for p in payloads:
            out.append(responses[k : k + len(p)])
            k += len(p)
        return out

    def sample(
        self,
        prompt: types.ModelInput,
        num_samples: int,
        sampling_params: types.SamplingParams,
        include_prompt_logprobs: bool = False,
        topk_prompt_logprobs: int = 0,
        topk_sample_logprobs: int = 0,
        target_prompt_logprobs: types.TensorData | None = None,
        prompt_alt_tokens_k: int = 0,
        prompt_logprobs_last_n: int | None = None,
    ) -> APIFuture[types.SampleResponse]:
        """A future of ``num_samples`` completions of ``prompt``.

        Concurrent ``sample`` calls on this client are decoded together in one batch.
        The prompt-logprob options (top-k, target tokens, alternative draws, last-N) are
        computed by one extra forward pass (`selftaught.models.prompt_scores`).
        """
        options = PromptOptions(
            include_prompt_logprobs,
            topk_prompt_logprobs,
            topk_sample_logprobs,
            target_prompt_logprobs,
            prompt_alt_tokens_k,
            prompt_logprobs_last_n,
            sampling_params.temperature,
            sampling_params.seed,
        )
        options.validate(prompt.length)
        if options.needs_extra_pass:
            request = self._request(prompt, num_samples, sampling_params, False)
            tokens = prompt.to_ints()

            def run() -> types.SampleResponse:
                response = self._run_requests([[request]])[0][0]
                return add_extras(self.host, self.adapter, tokens, response, options)

            return WORKER.submit(run)
        request = self._request(prompt, num_samples, sampling_params, include_prompt_logprobs)
        future = WORKER.submit_batchable(self._key, [request], self._run_requests)
        return _map_future(future, lambda responses: responses[0])

    def sample_many(
        self,
        prompts: Sequence[types.ModelInput],
        num_samples: int,
        sampling_params: types.SamplingParams | Sequence[types.SamplingParams],
        include_prompt_logprobs: bool = False,
    ) -> APIFuture[list[types.SampleResponse]]:
        """Many prompts in one batched decode; one `SampleResponse` per prompt, in order.

        ``sampling_params`` is shared, or one per prompt.
        """
        params = (
            [sampling_params] * len(prompts)
            if isinstance(sampling_params, types.SamplingParams)
            else list(sampling_params)
        )
        if len(params) != len(prompts):
            raise ValueError(f"{len(prompts)} prompts but {len(params)} sampling params")
        requests = [
            self._request(p, num_samples, sp, include_prompt_logprobs)
            for p, sp in zip(prompts, params, strict=True)
        ]
        return WORKER.submit_batchable(self._key, requests, self._run_requests)

    @staticmethod
    def _request(
        prompt: types.ModelInput,
        num_samples: int,
        params: types.SamplingParams,
        include_prompt_logprobs: bool,
    ) -> SampleRequest:
        validate_params(params)
        tokens = prompt.to_ints()
        if not tokens:
            raise ValueError("cannot sample from an empty prompt")
        if num_samples < 1:
            raise ValueError(f"num_samples must be >= 1, got {num_samples}")
        return SampleRequest(tokens, num_samples, params, include_prompt_logprobs)

    def compute_logprobs(
        self, prompt: types.ModelInput, prompt_logprobs_last_n: int | None = None
    ) -> APIFuture[list[float | None]]:
        """Logprob of each prompt token given its prefix; ``None`` at position 0.

        ``prompt_logprobs_last_n``: keep only the last N scores (earlier entries None).
        """
        tokens = prompt.to_ints()
        if not tokens:
            raise ValueError("cannot score an empty prompt")
        last_n = prompt_logprobs_last_n
        if last_n is not None and not 1 <= last_n <= len(tokens) - 1:
            raise ValueError(f"prompt_logprobs_last_n must be in [1, {len(tokens) - 1}]")

        def run(payloads: list[list[int]]) -> list[list[float | None]]:
            scored = self.host.score(self.adapter, payloads)
            return [[None if np.isnan(x) else float(x) for x in row] for row in scored]

        def keep_last(row: list[float | None]) -> list[float | None]:
            if last_n is None:
                return row
            blank: list[float | None] = [None] * (len(row) - last_n)
            return blank + row[-last_n:]

        future = WORKER.submit_batchable((*self._key, "score"), tokens, run)
        return _map_future(future, keep_last)

    def get_tokenizer(self) -> Any:
        """The base model's Hugging Face tokenizer."""
        return self.host.loaded.tokenizer

    def get_base_model(self) -> str:
        return self.base_model

    def get_telemetry(self) -> None:
        """Local runs send no telemetry."""
        return None


def sample_many(
    client: Any,
    prompts: Sequence[types.ModelInput],
    num_samples: int,
    sampling_params: types.SamplingParams,
) -> list[types.SampleResponse]:
    """Sample many prompts: one batched decode on local clients, concurrent futures otherwise."""
    if isinstance(client, LocalSamplingClient):
        return client.sample_many(prompts, num_samples, sampling_params).result()
    futures = [client.sample(p, num_samples, sampling_params) for p in prompts]
    return [f.result() for f in futures]


def _target_tokens(datum: types.Datum, index: int) -> list[int]:
    target = datum.loss_fn_inputs.get("target_tokens")
    if target is None:
        raise ValueError(f"data[{index}].loss_fn_inputs: 'target_tokens' is required")
    tokens = [int(t) for t in target.to_numpy().reshape(-1)]
    if target.shape is not None and len(target.shape) != 1:
        raise ValueError(
            f"data[{index}].loss_fn_inputs.target_tokens: must be 1-D, got shape {target.shape}"
        )
    if len(tokens) != datum.model_input.length:
        raise ValueError(
            f"data[{index}]: target_tokens has {len(tokens)} tokens but model_input "
            f"has {datum.model_input.length}; they must align (next-token shifted)"
        )
    for key, value in datum.loss_fn_inputs.items():
        if key != "target_tokens" and value.to_numpy().size not in (len(tokens),):
            raise ValueError(
                f"data[{index}].loss_fn_inputs.{key}: {value.to_numpy().size} values "
                f"for {len(tokens)} target tokens"
            )
    return tokens


def _release_adapter(host: ModelHost, adapter: str) -> None:
    if not (sys.is_finalizing() or WORKER.closed):  # at exit, memory is freed anyway
        WORKER.submit(lambda: host.delete_adapter(adapter))


def _map_future(future: APIFuture[Any], fn: Callable[[Any], Any]) -> APIFuture[Any]:
    from concurrent.futures import Future

    from tinker.lib.public_interfaces.api_future import AwaitableConcurrentFuture

    mapped: Future[Any] = Future()

    def done(source: Future[Any]) -> None:
        if source.cancelled():
            mapped.cancel()
            return
        exc = source.exception()
        if exc is not None:
            mapped.set_exception(exc)
        else:
            mapped.set_result(fn(source.result()))

    future.future().add_done_callback(done)
    return AwaitableConcurrentFuture(mapped)
