"""A sampling-only client for any OpenAI-compatible chat endpoint.

Why it exists: a learner that learns *in context* (notes, retrieval) never
changes weights, so it only needs to sample. Such learners can then run against
a far bigger model than fits on this machine: vLLM, the llama.cpp server,
Ollama, a hosted API, or ``selftaught serve`` exposing a local (LoRA-trained)
model. This client speaks the OpenAI chat-completions protocol through the
official ``openai`` package, at the *chat* level (messages in, texts out),
because that is the one level all of those servers implement the same way.

What it adds over calling ``openai`` directly:

* one clear error line for the failures a user can fix (unreachable URL,
  timeout, unknown model, bad key), naming the URL and what to check;
* ``n`` samples even from servers that ignore ``n`` (llama.cpp, Ollama): missing
  choices are requested again (with ``seed + k`` when seeded, so they differ);
* many conversations at once (``sample_chat_many``) on a small thread pool, so
  a batching server such as vLLM sees concurrent requests;
* results in a small typed shape mirroring Tinker's ``SampledSequence``
  (``stop_reason`` is ``"stop"`` or ``"length"``), with token logprobs when the
  server provides them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Literal

import openai
from openai.types.chat import ChatCompletion

StopReason = Literal["stop", "length"]
"""Why a sample ended, as in ``tinker.types.StopReason``: stop sequence / end of turn, or length."""

DEFAULT_TIMEOUT_S = 120.0
"""Seconds to wait for one chat-completions response before giving up."""


class EndpointError(RuntimeError):
    """An OpenAI-compatible endpoint could not serve a request; the message is one line saying
    which URL failed and what to check."""


@dataclass(frozen=True)
class ChatSample:
    """One sampled assistant reply."""

    text: str
    """The reply text (stop sequences excluded, as the OpenAI protocol specifies)."""
    stop_reason: StopReason
    """``"length"`` when cut off by ``max_tokens``, else ``"stop"``."""
    logprobs_T: list[float] | None = None
    """Log-probability of each generated token; None when the server did not return them."""
    tokens_T: list[str] | None = None
    """The generated tokens as text pieces, aligned with ``logprobs_T``; None without logprobs."""


@dataclass(frozen=True)
class ChatSampleResponse:
    """All samples for one conversation, plus the server's token accounting."""

    samples_G: list[ChatSample]
    """The ``n`` samples, in the order the server returned them."""
    model: str
    """The model the server says answered."""
    prompt_tokens: int | None = None
    """Prompt tokens as counted by the server (once per request); None when not reported."""
    completion_tokens: int | None = None
    """Generated tokens summed over all samples; None when not reported."""

    @property
    def texts(self) -> list[str]:
        """The reply texts, one per sample."""
        return [sample.text for sample in self.samples_G]


def _stop_reason(finish_reason: str | None) -> StopReason:
    """Map OpenAI finish reasons onto Tinker's two stop reasons."""
    return "length" if finish_reason == "length" else "stop"


def _choice_sample(choice: Any) -> ChatSample:
    """Convert one OpenAI ``Choice`` into a `ChatSample`."""
    logprobs_T: list[float] | None = None
    tokens_T: list[str] | None = None
    content_logprobs = getattr(choice.logprobs, "content", None) if choice.logprobs else None
    if content_logprobs:
        logprobs_T = [float(item.logprob) for item in content_logprobs]
        tokens_T = [str(item.token) for item in content_logprobs]
    return ChatSample(
        text=choice.message.content or "",
        stop_reason=_stop_reason(choice.finish_reason),
        logprobs_T=logprobs_T,
        tokens_T=tokens_T,
    )


class OpenAISamplingClient:
    """Chat-level sampling from an OpenAI-compatible server.

    Example::

        client = OpenAISamplingClient("http://127.0.0.1:8000/v1", model="tiny-random")
        reply = client.sample_chat([{"role": "user", "content": "Hi"}], n=2, max_tokens=16)
        print(reply.texts)

    ``model=None`` uses the first model the server lists (right for single-model
    servers such as llama.cpp and ``selftaught serve``).
    """

    def __init__(
        self,
        base_url: str,
        model: str | None = None,
        *,
        api_key: str | None = None,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        max_retries: int = 2,
        max_workers: int = 8,
    ) -> None:
        """Create a client; nothing is sent until the first request.

        Args:
            base_url: the server's API root, usually ending in ``/v1``
                (vLLM ``http://host:8000/v1``, Ollama ``http://host:11434/v1``).
            model: model id to request; None = the first one ``/v1/models`` lists.
            api_key: bearer key; default ``$OPENAI_API_KEY``, else a placeholder
                (local servers accept any key).
            timeout_s: seconds to wait for one response.
            max_retries: retries on connection errors and 408/429/5xx (``openai``'s policy).
            max_workers: concurrent requests in `sample_chat_many`.
        """
        if timeout_s <= 0:
            raise ValueError(f"timeout_s must be positive, got {timeout_s}")
        if max_workers < 1:
            raise ValueError(f"max_workers must be >= 1, got {max_workers}")
        self.base_url = base_url.rstrip("/")
        self.timeout_s = timeout_s
        self.max_workers = max_workers
        self._model = model
        self._client = openai.OpenAI(
            base_url=self.base_url,
            api_key=api_key or os.environ.get("OPENAI_API_KEY") or "not-needed",
            timeout=timeout_s,
            max_retries=max_retries,
        )

    # -- errors -----------------------------------------------------------------------------

    def _endpoint_error(self, error: openai.OpenAIError, what: str) -> EndpointError:
        """Turn an ``openai`` exception into one line naming the URL and the fix."""
        url = self.base_url
        if isinstance(error, openai.APITimeoutError):
            return EndpointError(
                f"{what}: no response from {url} within {self.timeout_s:g} s "
                "(the server may be overloaded or the request too long; raise timeout_s "
                "or lower max_tokens/n)"
            )
        if isinstance(error, openai.APIConnectionError):
            return EndpointError(
                f"{what}: cannot reach {url} (is the server running, and are the host, "
                "port and the /v1 suffix right?)"
            )
        if isinstance(error, openai.AuthenticationError | openai.PermissionDeniedError):
            return EndpointError(
                f"{what}: {url} refused the API key (HTTP {error.status_code}); pass api_key= "
                "or set OPENAI_API_KEY"
            )
        if isinstance(error, openai.NotFoundError):
            return EndpointError(
                f"{what}: {url} answered 404: {_server_message(error)} (check the model name "
                "against /v1/models and that the base URL ends with /v1)"
            )
        if isinstance(error, openai.APIStatusError):
            return EndpointError(
                f"{what}: {url} answered HTTP {error.status_code}: {_server_message(error)}"
            )
        return EndpointError(f"{what}: {url}: {error}")

    # -- models -----------------------------------------------------------------------------

    def list_models(self) -> list[str]:
        """The model ids the server lists at ``/v1/models``."""
        try:
            return [model.id for model in self._client.models.list()]
        except openai.OpenAIError as error:
            raise self._endpoint_error(error, "listing models") from error

    @property
    def model(self) -> str:
        """The model id requests use (resolved from ``/v1/models`` on first use if not given)."""
        if self._model is None:
            models = self.list_models()
            if not models:
                raise EndpointError(
                    f"{self.base_url} lists no models at /v1/models; pass model= explicitly"
                )
            self._model = models[0]
        return self._model

    # -- sampling ---------------------------------------------------------------------------

    def _create(
        self, messages: list[dict[str, str]], n: int, seed: int | None, **params: Any
    ) -> ChatCompletion:
        """One chat-completions request, with errors turned into `EndpointError`."""
        extra: dict[str, Any] = {}
        if n != 1:
            extra["n"] = n
        if seed is not None:
            extra["seed"] = seed
        try:
            response = self._client.chat.completions.create(
                model=self.model,
                messages=messages,  # type: ignore[arg-type]
                stream=False,
                **params,
                **extra,
            )
        except openai.OpenAIError as error:
            what = f"chat completion with model {self.model!r}"
            raise self._endpoint_error(error, what) from error
        if not isinstance(response, ChatCompletion):
            raise EndpointError(
                f"{self.base_url} returned {type(response).__name__}, not a chat completion"
            )
        return response

    def sample_chat(
        self,
        messages: Sequence[Mapping[str, str]],
        n: int = 1,
        temperature: float = 1.0,
        top_p: float = 1.0,
        max_tokens: int = 256,
        stop: str | Sequence[str] | None = None,
        seed: int | None = None,
        logprobs: bool = False,
    ) -> ChatSampleResponse:
        """Sample ``n`` assistant replies to one conversation.

        Args:
            messages: the conversation, ``[{"role": "system"|"user"|"assistant", "content": ...}]``.
            n: number of independent samples. Servers that return fewer choices
                than asked are asked again for the rest.
            temperature: 0 = greedy.
            top_p: nucleus sampling mass.
            max_tokens: most tokens per reply.
            stop: stop string(s); excluded from the returned text.
            seed: makes sampling reproducible on servers that honour it.
            logprobs: ask for per-token logprobs (servers without support leave them None).
        """
        if n < 1:
            raise ValueError(f"n must be >= 1, got {n}")
        if max_tokens < 1:
            raise ValueError(f"max_tokens must be >= 1, got {max_tokens}")
        payload = [{"role": str(m["role"]), "content": str(m["content"])} for m in messages]
        params: dict[str, Any] = {
            "temperature": temperature,
            "top_p": top_p,
            "max_tokens": max_tokens,
        }
        if stop is not None:
            params["stop"] = [stop] if isinstance(stop, str) else list(stop)
        if logprobs:
            params["logprobs"] = True
        samples_G: list[ChatSample] = []
        prompt_tokens: int | None = None
        completion_tokens: int | None = None
        model = self.model
        attempt = 0
        while len(samples_G) < n:
            missing = n - len(samples_G)
            attempt_seed = None if seed is None else seed + attempt
            response = self._create(payload, missing, attempt_seed, **params)
            if not response.choices:
                raise EndpointError(f"{self.base_url} returned no choices for model {model!r}")
            ordered = sorted(response.choices, key=lambda choice: choice.index)
            samples_G.extend(_choice_sample(choice) for choice in ordered[:missing])
            model = response.model or model
            if response.usage is not None:
                prompt_tokens = response.usage.prompt_tokens
                completion_tokens = (completion_tokens or 0) + response.usage.completion_tokens
            attempt += 1
        return ChatSampleResponse(
            samples_G=samples_G,
            model=model,
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
        )

    def sample_chat_many(
        self,
        conversations: Sequence[Sequence[Mapping[str, str]]],
        n: int = 1,
        temperature: float = 1.0,
        top_p: float = 1.0,
        max_tokens: int = 256,
        stop: str | Sequence[str] | None = None,
        seed: int | None = None,
        logprobs: bool = False,
    ) -> list[ChatSampleResponse]:
        """`sample_chat` for many conversations, sent concurrently; results in input order.

        With a ``seed``, conversation ``i`` uses ``seed + i * n`` so that repeated
        prompts still get distinct samples.
        """
        if not conversations:
            return []
        _ = self.model  # resolve the model once, before the threads start

        def one(index: int) -> ChatSampleResponse:
            return self.sample_chat(
                conversations[index],
                n=n,
                temperature=temperature,
                top_p=top_p,
                max_tokens=max_tokens,
                stop=stop,
                seed=None if seed is None else seed + index * n,
                logprobs=logprobs,
            )

        workers = min(self.max_workers, len(conversations))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="openai-sample") as pool:
            return list(pool.map(one, range(len(conversations))))

    def close(self) -> None:
        """Close the underlying HTTP connections."""
        self._client.close()

    def __enter__(self) -> OpenAISamplingClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _server_message(error: openai.APIStatusError) -> str:
    """The server's own error message, on one line."""
    body = error.body
    message: object = None
    if isinstance(body, Mapping):
        inner = body.get("error", body)
        message = inner.get("message") if isinstance(inner, Mapping) else inner
    text = str(message) if message else error.message
    return " ".join(text.split())
