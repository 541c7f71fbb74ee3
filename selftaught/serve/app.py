"""The HTTP layer of `selftaught serve`: an OpenAI-compatible FastAPI app over a `ChatEngine`.

Why OpenAI's protocol: it is what every agent framework, eval harness and chat
UI already speaks, so serving a learner this way lets other tools talk to it
(and lets selftaught's own `OpenAISamplingClient` test against it). Only the
routes and fields a chat client needs are implemented; everything the engine
cannot honour is refused with OpenAI's error envelope, never silently ignored.

Every request is bounded (`selftaught.serve.limits`): the body size before it is
read, then ``n``, ``max_tokens``, prompt tokens and the queue in the engine. A
client that disconnects while its reply is generated has its generation
cancelled, and stopping the server fails whatever is still queued with a 503.

Routes: ``GET /v1/models``, ``GET /v1/models/{id}``, ``POST /v1/chat/completions``
(``stream=true`` is answered as server-sent events carrying the finished reply,
so streaming clients work; tokens are not streamed one by one), ``GET /health``.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response, StreamingResponse
from openai.types import Model
from openai.types.chat import ChatCompletion
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from selftaught.serve.engine import ChatEngine, RequestError
from selftaught.serve.limits import BodySizeLimit
from selftaught.serve.scheduler import Generation, Sequence
from selftaught.serve.schemas import ChatCompletionRequest, ErrorBody, ErrorResponse

_ERROR_TYPES = {400: "invalid_request_error", 404: "not_found_error", 405: "invalid_request_error",
                413: "invalid_request_error", 422: "invalid_request_error",
                429: "rate_limit_error"}
CLIENT_CLOSED = 499
"""Status logged for a request whose client left before the reply (nobody receives it)."""


def error_response(status: int, message: str, *, param: str | None = None,
                   code: str | None = None) -> JSONResponse:
    """An OpenAI-shaped error (``{"error": {...}}``) with HTTP ``status``."""
    body = ErrorResponse(error=ErrorBody(
        message=message, type=_ERROR_TYPES.get(status, "server_error"), param=param, code=code
    ))
    return JSONResponse(status_code=status, content=body.model_dump())


def _validation_message(error: RequestValidationError | ValidationError) -> tuple[str, str | None]:
    """One line per invalid field, ``body.field: message``; and the first field's name."""
    problems = []
    first: str | None = None
    for item in error.errors():
        loc = [str(p) for p in item.get("loc", ()) if p != "body"]
        field = ".".join(loc) or "body"
        first = first or field
        problems.append(f"{field}: {item.get('msg', 'invalid')}")
    return "; ".join(problems) or "invalid request", first


def _sse(completion: ChatCompletion, include_usage: bool) -> Iterator[str]:
    """The finished completion as OpenAI stream chunks: role+content per choice, a finish
    chunk per choice, a usage chunk if asked (``stream_options.include_usage``), ``[DONE]``."""
    base = {"id": completion.id, "object": "chat.completion.chunk",
            "created": completion.created, "model": completion.model}
    for choice in completion.choices:
        delta = {"role": "assistant", "content": choice.message.content or ""}
        logprobs = choice.logprobs.model_dump() if choice.logprobs is not None else None
        chunk = {**base, "choices": [{"index": choice.index, "delta": delta,
                                      "logprobs": logprobs, "finish_reason": None}]}
        yield f"data: {json.dumps(chunk)}\n\n"
    for choice in completion.choices:
        chunk = {**base, "choices": [{"index": choice.index, "delta": {},
                                      "finish_reason": choice.finish_reason}]}
        yield f"data: {json.dumps(chunk)}\n\n"
    if include_usage and completion.usage is not None:
        usage = completion.usage.model_dump(exclude_none=True)
        yield f"data: {json.dumps({**base, 'choices': [], 'usage': usage})}\n\n"
    yield "data: [DONE]\n\n"


async def _disconnected(request: Request) -> None:
    """Return once the client has closed the connection (the body is already read)."""
    while (await request.receive())["type"] != "http.disconnect":
        continue


async def _generate(engine: ChatEngine, generation: Generation,
                    request: Request) -> list[Sequence] | None:
    """The finished sequences, or None if the client left first (its generation cancelled)."""
    done: asyncio.Future[list[Sequence]] = asyncio.wrap_future(generation.future)
    gone: asyncio.Future[None] = asyncio.ensure_future(_disconnected(request))
    both: list[asyncio.Future[object]] = [done, gone]  # type: ignore[list-item]
    try:
        await asyncio.wait(both, return_when=asyncio.FIRST_COMPLETED)
    finally:  # also when this task is cancelled (the server is stopping)
        gone.cancel()
        if not done.done():
            engine.cancel(generation)
    if not done.done():
        done.cancel()
        return None
    return await run_in_threadpool(engine.wait, generation)


def create_app(engine: ChatEngine) -> FastAPI:
    """The FastAPI app serving ``engine`` under OpenAI's routes."""

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        engine.close()  # shutting down: fail what is still queued with 503

    app = FastAPI(title="selftaught serve", description=engine.description or engine.model_id,
                  lifespan=lifespan)
    app.state.engine = engine
    app.state.stop_work = engine.close  # run by the server on SIGTERM (see serve.server)
    app.add_middleware(BodySizeLimit, max_bytes=engine.limits.max_body_bytes)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, error: RequestValidationError) -> JSONResponse:
        message, param = _validation_message(error)
        return error_response(400, message, param=param)

    @app.exception_handler(RequestError)
    async def _refused(_: Request, error: RequestError) -> JSONResponse:
        return error_response(error.status, str(error), param=error.param, code=error.code)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, error: StarletteHTTPException) -> JSONResponse:
        return error_response(error.status_code, str(error.detail))

    def model_card() -> Model:
        return Model(id=engine.model_id, object="model", created=engine.created,
                     owned_by="selftaught")

    @app.get("/health")
    async def health() -> dict[str, object]:
        """Liveness, plus the batching queue's state (admitted requests, steps, batch sizes)."""
        stats = engine.scheduler.stats
        return {"status": "ok", "model": engine.model_id, "queued": engine.scheduler.queued,
                "steps": stats.steps, "rows": stats.rows, "max_rows": stats.max_rows,
                "max_requests": stats.max_requests, "cancelled": stats.cancelled}

    @app.get("/v1/models")
    async def list_models() -> dict[str, object]:
        return {"object": "list", "data": [model_card().model_dump(exclude_none=True)]}

    @app.get("/v1/models/{model_id:path}")
    async def get_model(model_id: str) -> dict[str, object]:
        engine.check_model(model_id)
        return model_card().model_dump(exclude_none=True)

    @app.post("/v1/chat/completions", response_model=None)
    async def chat_completions(request: ChatCompletionRequest,
                               http: Request) -> Response:
        engine.check_model(request.model)
        generation = await run_in_threadpool(engine.submit, request)
        sequences = await _generate(engine, generation, http)
        if sequences is None:
            return Response(status_code=CLIENT_CLOSED)
        completion = engine.answer(generation, sequences)
        if request.stream:
            options = (request.model_extra or {}).get("stream_options") or {}
            include_usage = bool(isinstance(options, dict) and options.get("include_usage"))
            return StreamingResponse(_sse(completion, include_usage),
                                     media_type="text/event-stream")
        return JSONResponse(completion.model_dump(exclude_none=True))

    return app
