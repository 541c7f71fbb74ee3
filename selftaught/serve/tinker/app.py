"""The Tinker service's HTTP protocol over selftaught's local clients (``serve --tinker``).

Why: code written for Tinker — the cookbook, a lab's own trainer — then runs on a
local model with no change at all, only ``base_url``:
``tinker.ServiceClient(base_url="http://127.0.0.1:8000")``. The official SDK does
the client side; this app answers its requests:

* session and configuration calls (``create_session``, heartbeats, ``client/config``
  with the flags this server supports, telemetry accepted and dropped);
* queued operations (``create_model``, ``forward_backward`` — protobuf —,
  ``optim_step``, ``save_weights*``, ``load_weights``, ``asample``) answer a request id
  at once; ``retrieve_future`` long-polls for the result (``try_again`` after a
  while, the SDK's own protocol), sending ``ForwardBackwardOutput`` and
  ``SampleResponse`` as protobuf;
* the REST calls the SDK's ``RestClient`` makes for runs and checkpoints.

Handlers are ``async`` and only *submit* work (local clients queue it on one worker
thread), so requests run in the order they arrive, as the SDK expects.
Authentication: the SDK always sends an API key; this server is meant for loopback
and accepts any key (`selftaught serve --tinker` listens on 127.0.0.1 by default).
"""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from tinker import types

from selftaught.models import ModelLoadError
from selftaught.models.checkpoints import CheckpointError
from selftaught.models.futures import failed
from selftaught.models.rest import LocalRestClient
from selftaught.models.service import LocalServiceClient
from selftaught.serve.tinker import wire
from selftaught.serve.tinker.state import ProtocolError, ResultKind, TinkerState, chain

POLL_SECONDS = 20.0
"""How long ``retrieve_future`` waits before answering ``try_again``."""

USER_ERRORS = (ValueError, TypeError, KeyError, ProtocolError, CheckpointError, ModelLoadError)
"""Failures reported to the SDK as the caller's error (category ``user``; an unknown model
is one: its message names the models there are)."""

CLIENT_CONFIG = types.ClientConfigResponse(
    pjwt_auth_enabled=False,
    proto_compress_fwdbwd=False,
    use_pyqwest_transport=False,
    sample_use_retrieve_futures=False,
    custom_loss_server_side=False,
    sample_join_sampling_session=True,
)
"""The SDK feature flags this server supports."""


def _json(model: BaseModel | dict[str, Any] | None, status: int = 200) -> JSONResponse:
    if isinstance(model, BaseModel):
        return JSONResponse(model.model_dump(mode="json", exclude_none=True), status)
    return JSONResponse(model, status)


def _not_found(message: str) -> JSONResponse:
    return JSONResponse({"detail": message}, 404)


def create_tinker_app(service: LocalServiceClient) -> FastAPI:
    """The FastAPI app serving ``service`` over the Tinker protocol."""
    state = TinkerState(service)
    rest = LocalRestClient(state.state_dir)
    app = FastAPI(title="selftaught (Tinker protocol)")
    app.state.tinker = state

    def future_response(request_id: str, model_id: str | None = None, **extra: Any) -> Any:
        return _json(types.UntypedAPIFuture(request_id=request_id, model_id=model_id, **extra))

    def submit_or_fail(make: Any, kind: ResultKind = "json", model_id: str | None = None) -> Any:
        """Run ``make()`` (which queues local work); its failure also travels as a future."""
        try:
            future, to_wire = make()
        except USER_ERRORS as exc:
            future, to_wire = failed(exc), (lambda v: v)
        return future_response(state.submit(future, kind, to_wire), model_id)

    # ------------------------------------------------------------ session and config

    @app.get("/api/v1/healthz")
    async def healthz() -> Any:
        return {"status": "ok"}

    @app.post("/api/v1/client/config")
    async def client_config() -> Any:
        return _json(CLIENT_CONFIG)

    @app.post("/api/v1/client/dynamic_config")
    async def dynamic_config() -> Any:
        return _json(types.ClientDynamicConfigResponse())

    @app.post("/api/v1/create_session")
    async def create_session() -> Any:
        return _json(types.CreateSessionResponse(session_id=state.new_session()))

    @app.post("/api/v1/session_heartbeat")
    async def heartbeat() -> Any:
        return _json(types.SessionHeartbeatResponse())

    @app.post("/api/v1/sessions/{session_id}/finish")
    async def finish(session_id: str) -> Any:
        state.sessions.discard(session_id)
        return None

    @app.post("/api/v1/telemetry")
    async def telemetry() -> Any:
        return {"status": "accepted"}

    @app.get("/v1/models")
    async def models() -> Any:
        """The served models in OpenAI's list shape (what readiness probes poll)."""
        caps = service.get_server_capabilities().supported_models
        return {"object": "list", "data": [{"id": m.model_name, "object": "model"} for m in caps]}

    @app.get("/api/v1/get_server_capabilities")
    async def capabilities() -> Any:
        return _json(service.get_server_capabilities())

    # ------------------------------------------------------------ training

    @app.post("/api/v1/create_model")
    async def create_model(request: Request) -> Any:
        body = types.CreateModelRequest.model_validate(await request.json())
        model_id = f"{body.session_id}:train:{body.model_seq_id}"

        def make() -> Any:
            lora = body.lora_config or types.LoraConfig(rank=32)
            future = service.create_lora_training_client(
                body.base_model,
                rank=lora.rank,
                seed=lora.seed,
                train_mlp=lora.train_mlp,
                train_attn=lora.train_attn,
                train_unembed=lora.train_unembed,
                user_metadata=body.user_metadata,
                optimizer=body.optimizer_config,
            )
            def created(tc: Any) -> types.CreateModelResponse:
                state.register_offline_tokenizer(body.base_model)  # for its sampling clients
                return types.CreateModelResponse(
                    model_id=state.register_model(model_id, tc).model_id
                )

            return chain(future, created), (lambda v: v)

        return submit_or_fail(make, model_id=model_id)

    @app.post("/api/v1/get_info")
    async def get_info(request: Request) -> Any:
        body = types.GetInfoRequest.model_validate(await request.json())
        try:
            tc = state.model(body.model_id)
        except ProtocolError as exc:
            return _not_found(str(exc))
        info = tc.get_info()
        # The SDK loads the tokenizer from ``tokenizer_id``: a saved copy needs no network.
        data = info.model_data.model_copy(update={"tokenizer_id": state.tokenizer_dir(tc)})
        return _json(info.model_copy(update={"model_data": data}))

    @app.post("/api/v1/forward_backward")
    async def forward_backward(request: Request) -> Any:
        raw = await request.body()
        if request.headers.get("content-encoding") == "zstd":
            import zstandard

            raw = zstandard.ZstdDecompressor().decompress(raw)
        parsed, forward_only = wire.read_forward_backward(raw)

        def make() -> Any:
            tc = state.model(parsed.model_id)
            fb = parsed.forward_backward_input
            call = tc.forward if forward_only else tc.forward_backward
            return call(fb.data, fb.loss_fn, fb.loss_fn_config), wire.write_forward_backward_output

        return submit_or_fail(make, "forward_backward", parsed.model_id)

    @app.post("/api/v1/optim_step")
    async def optim_step(request: Request) -> Any:
        body = types.OptimStepRequest.model_validate(await request.json())

        def make() -> Any:
            return state.model(body.model_id).optim_step(body.optim_params), (lambda v: v)  # type: ignore[arg-type]

        return submit_or_fail(make, model_id=body.model_id)

    @app.post("/api/v1/save_weights")
    async def save_weights(request: Request) -> Any:
        body = types.SaveWeightsRequest.model_validate(await request.json())

        def make() -> Any:
            tc = state.model(body.model_id)
            name = body.path or f"checkpoint-{uuid.uuid4().hex[:8]}"
            future = tc.save_state(name, body.ttl_seconds, body.overwrite, body.user_metadata)
            return chain(
                future, lambda r: types.SaveWeightsResponse(path=state.tinker_path(r.path))
            ), (lambda v: v)

        return submit_or_fail(make, model_id=body.model_id)

    @app.post("/api/v1/save_weights_for_sampler")
    async def save_weights_for_sampler(request: Request) -> Any:
        body = types.SaveWeightsForSamplerRequest.model_validate(await request.json())

        def make() -> Any:
            tc = state.model(body.model_id)
            if body.path is not None:
                future = tc.save_weights_for_sampler(
                    body.path, body.ttl_seconds, body.user_metadata
                )
                return chain(
                    future,
                    lambda r: types.SaveWeightsForSamplerResponseInternal(
                        path=state.tinker_path(r.path)
                    ),
                ), (lambda v: v)
            session = body.model_id.split(":", 1)[0]
            sampler_id = f"{session}:sample:{body.sampling_session_seq_id}"
            snapshot = tc.save_weights_and_get_sampling_client(kind=body.kind)
            return chain(
                snapshot,
                lambda sc: types.SaveWeightsForSamplerResponseInternal(
                    sampling_session_id=(state.register_sampler(sampler_id, sc, None), sampler_id)[
                        1
                    ]
                ),
            ), (lambda v: v)

        return submit_or_fail(make, model_id=body.model_id)

    @app.post("/api/v1/load_weights")
    async def load_weights(request: Request) -> Any:
        body = types.LoadWeightsRequest.model_validate(await request.json())
        path = state.local_path(body.path)
        if body.model_id is not None:
            model_id = body.model_id

            def make() -> Any:
                tc = state.model(model_id)
                load = tc.load_state_with_optimizer if body.optimizer else tc.load_state
                return chain(
                    load(path),
                    lambda r: types.LoadWeightsResponse(path=body.path, model_id=model_id),
                ), (lambda v: v)

            return submit_or_fail(make, model_id=model_id)
        model_id = f"{body.session_id}:train:{body.model_seq_id}"

        def make_new() -> Any:
            if body.optimizer:
                future = service.create_training_client_from_state_with_optimizer(
                    path, body.base_model, body.user_metadata
                )
            else:
                future = service.create_training_client_from_state(
                    path, body.base_model, body.user_metadata, optimizer=body.optimizer_config
                )
            return chain(
                future,
                lambda tc: types.LoadWeightsResponse(
                    path=body.path, model_id=state.register_model(model_id, tc).model_id
                ),
            ), (lambda v: v)

        return submit_or_fail(make_new, model_id=model_id)

    # ------------------------------------------------------------ sampling

    @app.post("/api/v1/create_sampling_session")
    async def create_sampling_session(request: Request) -> Any:
        body = types.CreateSamplingSessionRequest.model_validate(await request.json())
        sampler_id = f"{body.session_id}:sample:{body.sampling_session_seq_id}"
        local = state.local_path(body.model_path) if body.model_path else None
        try:
            future = service.create_sampling_client(model_path=local, base_model=body.base_model)
            client = await asyncio.wrap_future(future.future())
        except USER_ERRORS as exc:
            return JSONResponse({"detail": str(exc)}, 400)
        # The SDK's get_tokenizer() loads it by name, in the client's process: see hub.py.
        await asyncio.to_thread(state.register_offline_tokenizer, client.base_model)
        state.register_sampler(sampler_id, client, body.model_path)
        return _json(types.CreateSamplingSessionResponse(sampling_session_id=sampler_id))

    @app.post("/api/v1/join_sampling_session")
    async def join_sampling_session(request: Request) -> Any:
        body = types.JoinSamplingSessionRequest.model_validate(await request.json())
        counter = state.clone_counter(body.sampling_session_id)
        return _json(types.JoinSamplingSessionResponse(client_counter=counter))

    @app.get("/api/v1/samplers/{sampler_id}")
    async def get_sampler(sampler_id: str) -> Any:
        try:
            client = state.sampler(sampler_id)
        except ProtocolError as exc:
            return _not_found(str(exc))
        return _json(
            types.GetSamplerResponse(
                sampler_id=sampler_id,
                base_model=client.base_model,
                model_path=state.sampler_paths.get(sampler_id),
            )
        )

    @app.post("/api/v1/asample")
    async def asample(request: Request) -> Any:
        body = types.SampleRequest.model_validate(await request.json())
        ids = [uuid.uuid4().hex for _ in range(body.num_samples)]

        def make() -> Any:
            if body.sampling_session_id is None:
                raise ProtocolError("asample: sampling_session_id is required by this server")
            client = state.sampler(body.sampling_session_id)
            target = body.target_prompt_logprobs
            future = client.sample(
                body.prompt,
                body.num_samples,
                body.sampling_params,
                include_prompt_logprobs=bool(body.prompt_logprobs),
                topk_prompt_logprobs=body.topk_prompt_logprobs,
                topk_sample_logprobs=body.topk_sample_logprobs,
                target_prompt_logprobs=None
                if target is None
                else types.TensorData(
                    data=target.data,
                    dtype=target.dtype,
                    shape=target.shape,
                    sparse_crow_indices=target.sparse_crow_indices,
                    sparse_col_indices=target.sparse_col_indices,
                ),
                prompt_alt_tokens_k=body.prompt_alt_tokens_k,
                prompt_logprobs_last_n=body.prompt_logprobs_last_n,
            )
            return future, wire.write_sample_response

        try:
            future, to_wire = make()
        except USER_ERRORS as exc:
            future, to_wire = failed(exc), (lambda v: v)
        request_id = state.submit(future, "sample", to_wire)
        return future_response(request_id, sample_sequence_ids=ids)

    # ------------------------------------------------------------ futures

    @app.post("/api/v1/retrieve_future")
    async def retrieve_future(request: Request) -> Any:
        body = types.FutureRetrieveRequest.model_validate(await request.json())
        try:
            pending = state.take(body.request_id)
        except ProtocolError as exc:
            return JSONResponse({"error": str(exc), "category": "user"})
        try:
            value = await asyncio.wait_for(
                asyncio.shield(asyncio.wrap_future(pending.future)), POLL_SECONDS
            )
        except TimeoutError:
            return JSONResponse({"type": "try_again"})
        except USER_ERRORS as exc:
            state.forget(body.request_id)
            return JSONResponse({"error": f"{type(exc).__name__}: {exc}", "category": "user"})
        except RuntimeError as exc:
            state.forget(body.request_id)
            return JSONResponse({"error": f"{type(exc).__name__}: {exc}", "category": "server"})
        state.forget(body.request_id)
        out = pending.to_wire(value)
        if pending.kind == "json":
            return _json(out)
        return Response(out, media_type="application/x-protobuf")

    # ------------------------------------------------------------ REST: runs and checkpoints

    def tinkerize(checkpoint: types.Checkpoint | None) -> types.Checkpoint | None:
        if checkpoint is None:
            return None
        return checkpoint.model_copy(
            update={"tinker_path": state.tinker_path(checkpoint.tinker_path)}
        )

    def run_out(run: types.TrainingRun) -> JSONResponse:
        return _json(
            run.model_copy(
                update={
                    "last_checkpoint": tinkerize(run.last_checkpoint),
                    "last_sampler_checkpoint": tinkerize(run.last_sampler_checkpoint),
                }
            )
        )

    def rest_call(future: Any) -> Any:
        try:
            return future.result()
        except USER_ERRORS as exc:
            raise _RestError(str(exc)) from exc

    @app.exception_handler(_RestError)
    async def rest_error(request: Request, exc: _RestError) -> JSONResponse:
        return _not_found(str(exc))

    @app.get("/api/v1/training_runs")
    async def list_runs(limit: int = 20, offset: int = 0) -> Any:
        runs = rest_call(rest.list_training_runs(limit, offset))
        return _json(
            runs.model_copy(
                update={
                    "training_runs": [
                        r.model_copy(
                            update={
                                "last_checkpoint": tinkerize(r.last_checkpoint),
                                "last_sampler_checkpoint": tinkerize(r.last_sampler_checkpoint),
                            }
                        )
                        for r in runs.training_runs
                    ]
                }
            )
        )

    @app.get("/api/v1/training_runs/{run_id}")
    async def get_run(run_id: str) -> Any:
        return run_out(rest_call(rest.get_training_run(run_id)))

    @app.get("/api/v1/training_runs/{run_id}/checkpoints")
    async def list_checkpoints(run_id: str) -> Any:
        listed = rest_call(rest.list_checkpoints(run_id))
        return _json(
            listed.model_copy(update={"checkpoints": [tinkerize(c) for c in listed.checkpoints]})
        )

    @app.get("/api/v1/checkpoints")
    async def list_user_checkpoints(limit: int = 100, offset: int = 0) -> Any:
        listed = rest_call(rest.list_user_checkpoints(limit, offset))
        return _json(
            listed.model_copy(update={"checkpoints": [tinkerize(c) for c in listed.checkpoints]})
        )

    def checkpoint_path(run_id: str, checkpoint_id: str) -> str:
        return state.local_path(f"tinker://{run_id}/{checkpoint_id}")

    @app.delete("/api/v1/training_runs/{run_id}/checkpoints/{checkpoint_id:path}/publish")
    async def unpublish(run_id: str, checkpoint_id: str) -> Any:
        rest_call(
            rest.unpublish_checkpoint_from_tinker_path(checkpoint_path(run_id, checkpoint_id))
        )

    @app.post("/api/v1/training_runs/{run_id}/checkpoints/{checkpoint_id:path}/publish")
    async def publish(run_id: str, checkpoint_id: str) -> Any:
        rest_call(rest.publish_checkpoint_from_tinker_path(checkpoint_path(run_id, checkpoint_id)))

    @app.put("/api/v1/training_runs/{run_id}/checkpoints/{checkpoint_id:path}/ttl")
    async def set_ttl(run_id: str, checkpoint_id: str, request: Request) -> Any:
        ttl = (await request.json()).get("ttl_seconds")
        rest_call(
            rest.set_checkpoint_ttl_from_tinker_path(checkpoint_path(run_id, checkpoint_id), ttl)
        )

    @app.get(
        "/api/v1/training_runs/{run_id}/checkpoints/{checkpoint_id:path}/external_weights_urls"
    )
    async def external_urls(run_id: str, checkpoint_id: str) -> Any:
        return _json(
            rest_call(rest.get_external_weights_urls(checkpoint_path(run_id, checkpoint_id)))
        )

    @app.delete("/api/v1/training_runs/{run_id}/checkpoints/{checkpoint_id:path}")
    async def delete_checkpoint(run_id: str, checkpoint_id: str) -> Any:
        rest_call(rest.delete_checkpoint_from_tinker_path(checkpoint_path(run_id, checkpoint_id)))

    @app.post("/api/v1/weights_info")
    async def weights_info(request: Request) -> Any:
        path = state.local_path((await request.json())["tinker_path"])
        return _json(rest_call(rest.get_weights_info_by_tinker_path(path)))

    return app


class _RestError(LookupError):
    """A REST lookup failed (answered 404 with the message)."""
