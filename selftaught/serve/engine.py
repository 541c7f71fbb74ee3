"""The chat engine behind `selftaught serve`: OpenAI requests -> local Tinker-shaped sampling.

Why separate from the HTTP layer: the engine is where the semantics live —
chat rendering with the model's own template (the same `Renderer` learners
train with, so a served LoRA sees prompts exactly as it learned them), mapping
OpenAI's parameters onto ``tinker.types.SamplingParams``, OpenAI stop-string
semantics (the stop text is excluded), usage counting and logprobs. It is a
plain object, testable without a server, and the FastAPI app is a thin shell.

A sampling client is a frozen snapshot of weights, so one engine serves one
fixed model: the base model, or the base plus a saved LoRA training state.
"""

from __future__ import annotations

import bisect
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openai.types import CompletionUsage
from openai.types.chat import (
    ChatCompletion,
    ChatCompletionMessage,
    ChatCompletionTokenLogprob,
)
from openai.types.chat.chat_completion import Choice, ChoiceLogprobs
from tinker import types

from selftaught.models import Message, Renderer, get_renderer
from selftaught.serve.schemas import ChatCompletionRequest

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
    """

    def __init__(
        self,
        sampling_client: Any,
        model_id: str,
        *,
        renderer: Renderer | None = None,
        max_tokens_default: int = DEFAULT_MAX_TOKENS,
        description: str = "",
    ) -> None:
        self.sampling_client = sampling_client
        self.model_id = model_id
        self.renderer = renderer if renderer is not None else get_renderer(
            sampling_client.get_tokenizer()
        )
        self.tokenizer = self.renderer.tokenizer
        self.max_tokens_default = max_tokens_default
        self.description = description
        self.created = int(time.time())

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
        self.check_model(request.model)
        reason = request.unsupported()
        if reason is not None:
            raise RequestError(reason, param=reason.split(":", 1)[0])
        messages = [
            Message(role="system" if m.role == "developer" else m.role, content=m.text())
            for m in request.messages
        ]
        prompt = self.renderer.build_generation_prompt(messages)
        stop_strings = request.stop_list()
        params = types.SamplingParams(
            max_tokens=request.token_limit(self.max_tokens_default),
            temperature=1.0 if request.temperature is None else request.temperature,
            top_p=1.0 if request.top_p is None else request.top_p,
            seed=request.seed,
            stop=self._stop(stop_strings),
        )
        # No lock: local clients queue requests on one model worker, which merges concurrent
        # ``sample`` calls into one decode batch — concurrent HTTP requests batch for free.
        try:
            response = self.sampling_client.sample(
                prompt=prompt, num_samples=request.n, sampling_params=params
            ).result()
        except ValueError as error:  # the sampler rejected the request's parameters
            raise RequestError(str(error)) from error
        want_logprobs = bool(request.logprobs)
        choices = [self._finish_choice(seq, stop_strings, want_logprobs)
                   for seq in response.sequences]
        return self._to_openai(choices, prompt.length)

    # ------------------------------------------------------------------ internals

    def _stop(self, stop_strings: list[str]) -> list[str] | list[int]:
        """``SamplingParams.stop``: the end-of-turn ids, or — since Tinker's ``stop`` is all
        ids or all strings — the user's strings plus the end-of-turn tokens as text."""
        eot_ids = self.renderer.get_stop_sequences()
        if not stop_strings:
            return eot_ids
        eot_texts = [str(self.tokenizer.decode([t], skip_special_tokens=False)) for t in eot_ids]
        return [*stop_strings, *(t for t in eot_texts if t)]

    def _finish_choice(self, sequence: types.SampledSequence, stop_strings: Sequence[str],
                       want_logprobs: bool) -> _Choice:
        """Parse one sampled sequence; cut it at the first user stop string (excluded); keep
        the logprobs of the tokens that make up the returned text if asked."""
        tokens_T = [int(t) for t in sequence.tokens]
        message, ended = self.renderer.parse_response(tokens_T)
        text = message["content"]
        finish_reason = "stop" if ended or sequence.stop_reason == "stop" else "length"
        cut = min((i for i in (text.find(s) for s in stop_strings) if i >= 0), default=-1)
        if cut >= 0:
            text = text[:cut]
            finish_reason = "stop"
        logprobs = sequence.logprobs if want_logprobs else None
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
) -> ChatEngine:
    """An engine over the local service: a base model, or a saved LoRA state on its base.

    Args:
        model: built-in model name or local Hugging Face directory; None = the state's
            base model, or the embedded default without a state.
        state: a checkpoint directory written by ``TrainingClient.save_state`` or
            ``save_weights_for_sampler`` (``local://`` paths work too); None = base weights.
        device: ``cpu``/``cuda``; default CUDA when available.
        served_name: the id clients request; default the base model's name.

    Raises:
        selftaught.models.ModelLoadError: the model cannot be loaded.
        selftaught.models.checkpoints.CheckpointError: ``state`` is missing or corrupt.
    """
    from selftaught.models import DEFAULT_MODEL, LocalServiceClient

    service = LocalServiceClient(device=device)
    if state is None:
        base = model or DEFAULT_MODEL
        sampling_client = service.create_sampling_client(base_model=base).result()
        description = f"{base} (base weights)"
    else:
        sampling_client = service.create_sampling_client(
            model_path=str(state), base_model=model
        ).result()
        description = f"{sampling_client.get_base_model()} + LoRA state {state}"
    return ChatEngine(
        sampling_client,
        served_name or sampling_client.get_base_model(),
        max_tokens_default=max_tokens_default,
        description=description,
    )
