"""The chat engine behind `selftaught serve`: OpenAI requests -> local Tinker-shaped sampling.

Why separate from the HTTP layer: the engine is where the semantics live —
chat rendering with the model's own template (the same `Renderer` learners
train with, so a served LoRA sees prompts exactly as it learned them), mapping
OpenAI's parameters onto ``tinker.types.SamplingParams``, OpenAI stop-string
semantics (the stop text is excluded), usage counting and logprobs. It is a
plain object, testable without a server, and the FastAPI app is a thin shell.

A sampling client is a frozen snapshot of weights, so one engine serves one
fixed model: the base model, or the base plus a saved LoRA training state.

Every request is checked against `ServeLimits` before it is admitted (``n``,
``max_tokens``, prompt tokens, the model's context, the queue), then decoded
together with the other admitted requests by the `BatchScheduler`.
"""

from __future__ import annotations

import bisect
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tinker
from openai.types import CompletionUsage
from openai.types.chat import (
    ChatCompletion,
    ChatCompletionMessage,
    ChatCompletionTokenLogprob,
)
from openai.types.chat.chat_completion import Choice, ChoiceLogprobs
from tinker import types

from selftaught.models import Message, ModelLoadError, Renderer, get_renderer
from selftaught.models.backend import sampling_tokenizer
from selftaught.models.sampling import validate_params
from selftaught.serve.limits import ServeLimits
from selftaught.serve.scheduler import (
    BatchScheduler,
    Generation,
    QueueFull,
    SchedulerClosed,
    Sequence,
)
from selftaught.serve.schemas import ChatCompletionRequest

REMOTE_LOAD_ERRORS: tuple[type[Exception], ...] = (tinker.TinkerError, OSError)
"""What a remote service raises for a model it cannot serve (and ``transformers`` for a
tokenizer it cannot find: OSError); `load_engine` turns them into one `ModelLoadError` line."""

DEFAULT_MAX_TOKENS = 512
"""Tokens per choice when a request sets neither ``max_tokens`` nor ``max_completion_tokens``."""


class RequestError(ValueError):
    """A request the engine cannot serve as asked; becomes HTTP ``status`` with this message."""

    def __init__(self, message: str, *, status: int = 400, param: str | None = None,
                 code: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.param = param
        self.code = code


@dataclass(frozen=True)
class _Choice:
    """One sampled reply after stop handling."""

    text: str
    finish_reason: str
    tokens_T: list[int]
    """Generated tokens that make up ``text`` (only when logprobs were asked for)."""
    logprobs_T: list[float] | None
    """Their logprobs; None when not asked for."""
    generated: int
    """All tokens the sampler produced for this choice (usage counts these)."""


class ChatEngine:
    """Serve chat completions from one sampling client with one renderer.

    Args:
        sampling_client: a Tinker-shaped sampling client (``sample(prompt, num_samples,
            sampling_params)`` returning a future of ``SampleResponse``).
        model_id: the id clients request (``/v1/models`` lists it).
        renderer: chat renderer; default: from the client's tokenizer.
        max_tokens_default: tokens per choice when a request does not say.
        limits: bounds on requests (`ServeLimits`); default the defaults.
        context_length: the model's positions (prompt + reply); None = unbounded
            (only for clients whose model does not say).
    """

    def __init__(
        self,
        sampling_client: Any,
        model_id: str,
        *,
        renderer: Renderer | None = None,
        max_tokens_default: int = DEFAULT_MAX_TOKENS,
        description: str = "",
        limits: ServeLimits | None = None,
        context_length: int | None = None,
    ) -> None:
        self.sampling_client = sampling_client
        self.model_id = model_id
        self.renderer = renderer if renderer is not None else get_renderer(
            sampling_tokenizer(sampling_client)
        )
        self.tokenizer = self.renderer.tokenizer
        self.max_tokens_default = max_tokens_default
        self.description = description
        self.created = int(time.time())
        self.limits = limits or ServeLimits()
        self.context_length = context_length
        self.scheduler = BatchScheduler(
            sampling_client, max_queued=self.limits.max_queued,
            max_batch_rows=self.limits.max_batch_rows, chunk_tokens=self.limits.chunk_tokens)

    # ------------------------------------------------------------------ requests

    def check_model(self, model: str) -> None:
        """Raise a 404 `RequestError` unless ``model`` is the served model."""
        if model != self.model_id:
            raise RequestError(
                f"model {model!r} does not exist; this server serves {self.model_id!r} "
                "(see GET /v1/models)",
                status=404, param="model", code="model_not_found",
            )

    def complete(self, request: ChatCompletionRequest) -> ChatCompletion:
        """Answer one chat-completions request (blocking; run it off the event loop)."""
        generation = self.submit(request)
        return self.answer(generation, self.wait(generation))

    def submit(self, request: ChatCompletionRequest) -> Generation:
        """Check ``request`` against the limits and admit it to the batching queue.

        Raises `RequestError`: 400 for what can never be served (unsupported
        fields, ``n`` or ``max_tokens`` over their limits, a prompt too long for
        the limits or the context), 429 when the queue is full, 503 when stopping.
        """
        self.check_model(request.model)
        reason = request.unsupported()
        if reason is not None:
            raise RequestError(reason, param=reason.split(":", 1)[0])
        if request.n > self.limits.max_n:
            raise RequestError(f"n: at most {self.limits.max_n} choices per request on this "
                               f"server (got {request.n}; limit max_n)", param="n")
        messages = [
            Message(role="system" if m.role == "developer" else m.role, content=m.text())
            for m in request.messages
        ]
        prompt = self.renderer.build_generation_prompt(messages)
        max_tokens = self._token_budget(request, prompt.length)
        stop_strings = request.stop_list()
        params = types.SamplingParams(
            max_tokens=max_tokens,
            temperature=1.0 if request.temperature is None else request.temperature,
            top_p=1.0 if request.top_p is None else request.top_p,
            seed=request.seed,
            stop=self._stop(stop_strings),
        )
        try:
            validate_params(params)
        except ValueError as error:
            raise RequestError(str(error)) from error
        generation = Generation(
            prompt=prompt, n=request.n, params=params, stop_strings=stop_strings,
            logprobs=bool(request.logprobs),
            decode=lambda tokens_T: str(self.tokenizer.decode(tokens_T, skip_special_tokens=True)),
        )
        try:
            self.scheduler.submit(generation)
        except QueueFull as error:
            raise RequestError(f"the server is busy: {error}", status=429,
                               code="rate_limit_exceeded") from error
        return generation

    def wait(self, generation: Generation) -> list[Sequence]:
        """Block until ``generation`` is done (its sequences); 503 if the server stopped it."""
        try:
            return generation.future.result()
        except SchedulerClosed as error:
            raise RequestError(f"the server stopped before answering: {error}",
                               status=503) from error
        except tinker.TinkerError as error:  # --backend tinker: the service refused or failed
            raise RequestError(f"the model's service failed this request "
                               f"({type(error).__name__}: {' '.join(str(error).split())})",
                               status=502, code="upstream_error") from error

    def cancel(self, generation: Generation) -> None:
        """Stop generating ``generation`` (its client went away)."""
        self.scheduler.cancel(generation)

    def close(self) -> None:
        """Fail every admitted request with 503 (the server is shutting down)."""
        self.scheduler.cancel_all("the server is shutting down")

    def answer(self, generation: Generation, sequences: list[Sequence]) -> ChatCompletion:
        """The OpenAI completion for a finished ``generation``."""
        choices = [self._finish_choice(seq, generation.stop_strings, generation.logprobs)
                   for seq in sequences]
        return self._to_openai(choices, generation.prompt.length)

    def _token_budget(self, request: ChatCompletionRequest, prompt_tokens: int) -> int:
        """Tokens per choice for ``request``, or a 400 naming the limit it breaks."""
        context = self.context_length
        max_prompt = self.limits.max_prompt_tokens
        if context is not None:
            max_prompt = min(max_prompt or context - 1, context - 1)
        if max_prompt is not None and prompt_tokens > max_prompt:
            where = (f"this model's maximum context length is {context} tokens"
                     if context is not None else "")
            raise RequestError(
                f"messages: the prompt is {prompt_tokens} tokens, over the limit of "
                f"{max_prompt} prompt tokens ({where + '; ' if where else ''}"
                "max_prompt_tokens); shorten the messages",
                param="messages", code="context_length_exceeded")
        cap = self.limits.max_tokens or context
        given = [v for v in (request.max_tokens, request.max_completion_tokens) if v is not None]
        if given:
            asked = min(given)
            field = "max_tokens" if request.max_tokens == asked else "max_completion_tokens"
            if cap is not None and asked > cap:
                raise RequestError(f"{field}: at most {cap} tokens per choice on this server "
                                   f"(got {asked}; limit max_tokens)", param=field)
            if context is not None and prompt_tokens + asked > context:
                raise RequestError(
                    f"{field}: this model's maximum context length is {context} tokens, but "
                    f"{prompt_tokens + asked} were requested ({prompt_tokens} in the messages, "
                    f"{asked} in the completion); lower {field}",
                    param=field, code="context_length_exceeded")
            return asked
        budget = self.max_tokens_default
        if cap is not None:
            budget = min(budget, cap)
        if context is not None:
            budget = min(budget, context - prompt_tokens)
        return max(1, budget)

    # ------------------------------------------------------------------ internals

    def _stop(self, stop_strings: list[str]) -> list[str] | list[int]:
        """``SamplingParams.stop``: the end-of-turn ids, or — since Tinker's ``stop`` is all
        ids or all strings — the user's strings plus the end-of-turn tokens as text."""
        eot_ids = self.renderer.get_stop_sequences()
        if not stop_strings:
            return eot_ids
        eot_texts = [str(self.tokenizer.decode([t], skip_special_tokens=False)) for t in eot_ids]
        return [*stop_strings, *(t for t in eot_texts if t)]

    def _finish_choice(self, sequence: Sequence, stop_strings: list[str],
                       want_logprobs: bool) -> _Choice:
        """Parse one sampled sequence; cut it at the first user stop string (excluded); keep
        the logprobs of the tokens that make up the returned text if asked."""
        tokens_T = sequence.tokens_T
        message, ended = self.renderer.parse_response(tokens_T)
        text = message["content"]
        finish_reason = "stop" if ended or sequence.stop_reason == "stop" else "length"
        cut = min((i for i in (text.find(s) for s in stop_strings) if i >= 0), default=-1)
        if cut >= 0:
            text = text[:cut]
            finish_reason = "stop"
        logprobs = sequence.logprobs_T if want_logprobs else None
        kept = self._tokens_covering(tokens_T, text) if logprobs is not None else 0
        return _Choice(
            text=text,
            finish_reason=finish_reason,
            tokens_T=tokens_T[:kept],
            logprobs_T=None if logprobs is None else [float(x) for x in logprobs[:kept]],
            generated=len(tokens_T),
        )

    def _tokens_covering(self, tokens_T: list[int], text: str) -> int:
        """How many leading tokens it takes to produce ``text`` (binary search: decoded
        length grows with the number of tokens)."""
        if not text:
            return 0

        def covers(k: int) -> bool:
            return len(self.tokenizer.decode(tokens_T[:k], skip_special_tokens=True)) >= len(text)

        return bisect.bisect_left(range(len(tokens_T) + 1), True, key=covers) if tokens_T else 0

    def _logprobs(self, choice: _Choice) -> ChoiceLogprobs | None:
        if choice.logprobs_T is None:
            return None
        content = []
        for token, logprob in zip(choice.tokens_T, choice.logprobs_T, strict=True):
            piece = str(self.tokenizer.decode([token]))
            content.append(ChatCompletionTokenLogprob(
                token=piece, logprob=logprob, bytes=list(piece.encode("utf-8")), top_logprobs=[]
            ))
        return ChoiceLogprobs(content=content)

    def _to_openai(self, choices: list[_Choice], prompt_tokens: int) -> ChatCompletion:
        completion_tokens = sum(c.generated for c in choices)
        return ChatCompletion(
            id=f"chatcmpl-{uuid.uuid4().hex}",
            object="chat.completion",
            created=int(time.time()),
            model=self.model_id,
            choices=[
                Choice(
                    index=i,
                    finish_reason=c.finish_reason,  # type: ignore[arg-type]
                    message=ChatCompletionMessage(role="assistant", content=c.text),
                    logprobs=self._logprobs(c),
                )
                for i, c in enumerate(choices)
            ],
            usage=CompletionUsage(
                prompt_tokens=prompt_tokens,
                completion_tokens=completion_tokens,
                total_tokens=prompt_tokens + completion_tokens,
            ),
        )


def load_engine(
    model: str | None = None,
    *,
    state: str | Path | None = None,
    device: str | None = None,
    served_name: str | None = None,
    max_tokens_default: int = DEFAULT_MAX_TOKENS,
    limits: ServeLimits | None = None,
    service: Any | None = None,
) -> ChatEngine:
    """An engine over a service: a base model, or a saved LoRA state on its base.

    Args:
        model: built-in model name or local Hugging Face directory (on a Tinker service:
            its model name); None = the state's base model, or the embedded default
            without a state.
        state: a checkpoint written by ``TrainingClient.save_state`` or
            ``save_weights_for_sampler``: a directory locally (``local://`` paths work
            too), a ``tinker://`` path on a Tinker service; None = base weights.
        device: ``cpu``/``cuda``; default CUDA when available (local service only).
        served_name: the id clients request; default the base model's name.
        limits: bounds on requests; the context length comes from the model's config
            (a remote service enforces its own).
        service: a Tinker-shaped service to sample from, e.g. the ``tinker`` SDK's
            ``ServiceClient`` (``serve --backend tinker``); None = a local service.

    Raises:
        selftaught.models.ModelLoadError: the model cannot be loaded, or the remote
            service refused to create its sampler.
        selftaught.models.checkpoints.CheckpointError: ``state`` is missing or corrupt.
    """
    from selftaught.models import DEFAULT_MODEL, LocalServiceClient

    remote = service is not None
    if service is None:
        service = LocalServiceClient(device=device)
    try:
        if state is None:
            base = model or DEFAULT_MODEL
            sampling_client = service.create_sampling_client(base_model=base).result()
            description = f"{base} (base weights)"
        else:
            sampling_client = service.create_sampling_client(
                model_path=str(state), base_model=model
            ).result()
            description = f"{sampling_client.get_base_model()} + LoRA state {state}"
        renderer = get_renderer(sampling_tokenizer(sampling_client))
    except REMOTE_LOAD_ERRORS as error:
        if not remote:
            raise  # local failures already say what to fix (or are the OS's, about a path)
        raise _remote_load_error(model or str(state), error) from error
    # A remote service enforces its own context length (an over-long prompt is its error).
    context = None if remote else getattr(sampling_client.host.loaded.model.config,
                                          "max_position_embeddings", None)
    return ChatEngine(
        sampling_client,
        served_name or sampling_client.get_base_model(),
        renderer=renderer,
        max_tokens_default=max_tokens_default,
        description=description + (" on a Tinker service" if remote else ""),
        limits=limits,
        context_length=context,
    )


def _remote_load_error(what: str, error: Exception) -> ModelLoadError:
    text = " ".join(str(error).split()) or type(error).__name__
    return ModelLoadError(f"{what}: the service cannot serve it ({type(error).__name__}: "
                          f"{text[:300]}); check --model / --state and the service's models")
