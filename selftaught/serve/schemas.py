"""The OpenAI chat-completions request schema `selftaught serve` accepts, and its error shape.

Why a hand-written request model but the ``openai`` package's response models:
responses are built with ``openai.types`` (``ChatCompletion``, ``Model``), so they
are exactly what the official client parses. Requests need their own model
because the ``openai`` package only ships TypedDicts for them, and because the
server must *refuse* what it cannot honour (penalties, tools, images, top
logprobs) with a 400 that says so, rather than silently ignore it. Fields that
do not change the sampled text (``user``, ``metadata``, ``store``, ...) are
accepted and ignored, as other OpenAI-compatible servers do.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

MAX_N = 64
"""Most samples one request may ask for."""


class TextPart(BaseModel):
    """A text part of a multi-part message content (``{"type": "text", "text": ...}``)."""

    model_config = ConfigDict(extra="ignore")

    type: Literal["text"]
    text: str


class ChatMessageIn(BaseModel):
    """One message of the conversation, as OpenAI clients send it."""

    model_config = ConfigDict(extra="ignore")

    role: Literal["system", "developer", "user", "assistant"]
    """``developer`` is OpenAI's newer name for ``system`` and is rendered as ``system``."""
    content: str | list[TextPart] | None = None
    """Plain text, or a list of text parts (joined); images and audio are not supported."""

    def text(self) -> str:
        """The message content as one string."""
        if self.content is None:
            return ""
        if isinstance(self.content, str):
            return self.content
        return "".join(part.text for part in self.content)


UNSUPPORTED_IF_SET: dict[str, str] = {
    "tools": "tool calling is not supported",
    "tool_choice": "tool calling is not supported",
    "functions": "function calling is not supported",
    "function_call": "function calling is not supported",
    "response_format": "structured output (response_format) is not supported",
    "logit_bias": "logit_bias is not supported",
    "audio": "audio output is not supported",
    "prediction": "predicted outputs are not supported",
}
"""Request fields whose presence (non-null) changes the output in ways this server cannot honour."""

ZERO_ONLY: tuple[str, ...] = ("frequency_penalty", "presence_penalty")
"""Request fields accepted only at their neutral value 0."""


class ChatCompletionRequest(BaseModel):
    """``POST /v1/chat/completions`` body: the subset of OpenAI's parameters that is honoured."""

    model_config = ConfigDict(extra="allow")

    model: str
    messages: list[ChatMessageIn] = Field(min_length=1)
    n: int = Field(default=1, ge=1, le=MAX_N)
    temperature: float | None = Field(default=None, ge=0.0, le=2.0)
    """None = 1.0 (OpenAI's default); 0 = greedy."""
    top_p: float | None = Field(default=None, gt=0.0, le=1.0)
    max_tokens: int | None = Field(default=None, ge=1)
    max_completion_tokens: int | None = Field(default=None, ge=1)
    """OpenAI's newer name for ``max_tokens``; the smaller of the two wins when both are set."""
    stop: str | list[str] | None = None
    seed: int | None = None
    logprobs: bool | None = False
    top_logprobs: int | None = Field(default=None, ge=0, le=20)
    stream: bool | None = False

    @field_validator("stop")
    @classmethod
    def _stop_list(cls, value: str | list[str] | None) -> str | list[str] | None:
        if isinstance(value, list):
            if len(value) > 4:
                raise ValueError("at most 4 stop sequences")
            if any(not s for s in value):
                raise ValueError("stop sequences must be non-empty strings")
        elif isinstance(value, str) and not value:
            raise ValueError("stop sequences must be non-empty strings")
        return value

    def stop_list(self) -> list[str]:
        """The stop strings as a list (empty when none)."""
        if self.stop is None:
            return []
        return [self.stop] if isinstance(self.stop, str) else list(self.stop)

    def token_limit(self, default: int) -> int:
        """The max tokens per choice: the smaller of the two fields given, else ``default``."""
        given = [v for v in (self.max_tokens, self.max_completion_tokens) if v is not None]
        return min(given) if given else default

    def unsupported(self) -> str | None:
        """Why this request cannot be served as asked, or None if it can."""
        extra: dict[str, Any] = self.model_extra or {}
        for name, reason in UNSUPPORTED_IF_SET.items():
            if extra.get(name) not in (None, [], {}):
                return f"{name}: {reason} by selftaught serve"
        for name in ZERO_ONLY:
            value = extra.get(name)
            if value not in (None, 0, 0.0):
                return f"{name}: only 0 is supported by selftaught serve (got {value!r})"
        if self.top_logprobs:
            return ("top_logprobs: alternatives are not returned; "
                    "use logprobs=true with top_logprobs=0")
        return None


class ErrorBody(BaseModel):
    """The inner object of an OpenAI error response."""

    message: str
    type: str
    param: str | None = None
    code: str | None = None


class ErrorResponse(BaseModel):
    """OpenAI's error envelope: ``{"error": {"message", "type", "param", "code"}}``."""

    error: ErrorBody
