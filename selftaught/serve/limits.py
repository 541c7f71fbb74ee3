"""What one request (and all of them together) may cost `selftaught serve`.

Why every bound is explicit: a server that accepts whatever a client sends can
be made to allocate without bound by one request (a 50 MB body, ``n=64`` with
``max_tokens=1e9``, a prompt longer than the model's context) or to stop
answering by many. Each limit below is checked before any model work starts
and refused with an OpenAI-shaped error naming the field and the bound:
400 for a request that can never be served, 413 for a body that is too large,
429 when the queue is full (the official client retries 429 with backoff).
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, fields

from starlette.types import ASGIApp, Message, Receive, Scope, Send


@dataclass(frozen=True)
class ServeLimits:
    """Bounds on requests to `selftaught serve` (``--limit NAME=VALUE`` on the CLI)."""

    max_body_bytes: int = 1_048_576
    """Largest request body in bytes (413 above it); 1 MiB holds a full-context prompt."""
    max_n: int = 16
    """Most choices one request may ask for (``n``)."""
    max_tokens: int | None = None
    """Most tokens one choice may generate (``max_tokens``); None = the model's context."""
    max_prompt_tokens: int | None = None
    """Longest rendered prompt in tokens; None = the model's context minus one
    (a prompt that leaves no room for a reply is refused either way)."""
    max_queued: int = 64
    """Requests admitted at once (waiting or generating); more get 429."""
    max_batch_rows: int = 64
    """Choices decoded together in one engine step (the rest wait for the next)."""
    chunk_tokens: int = 32
    """Tokens decoded per engine step before the batch is re-formed: new requests join,
    finished and cancelled ones leave. A cancelled request costs at most this many more."""

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if value is not None and (not isinstance(value, int) or value < 1):
                raise ValueError(f"ServeLimits.{f.name} must be a positive integer, "
                                 f"got {value!r}")

    @classmethod
    def parse(cls, items: list[str]) -> ServeLimits:
        """Limits from ``NAME=VALUE`` strings (``--limit``); a ValueError names the bad item."""
        names = [f.name for f in fields(cls)]
        values: dict[str, int] = {}
        for item in items:
            name, sep, raw = item.partition("=")
            if not sep or name not in names:
                raise ValueError(f"--limit {item!r}: expected NAME=VALUE with NAME one of "
                                 f"{', '.join(names)}")
            try:
                values[name] = int(raw)
            except ValueError:
                raise ValueError(f"--limit {item!r}: {raw!r} is not an integer") from None
        return dataclasses.replace(cls(), **values)


def _too_large_body(max_bytes: int) -> bytes:
    return json.dumps({"error": {
        "message": f"request body is larger than the server's limit of {max_bytes} bytes "
                   "(max_body_bytes)",
        "type": "invalid_request_error", "param": None, "code": "request_too_large"}}).encode()


class BodySizeLimit:
    """ASGI middleware: refuse a body over ``max_bytes`` with 413 before it is read whole.

    A declared ``Content-Length`` over the limit is refused at once. A body sent
    without one (chunked) is counted as it arrives: when it passes the limit the
    413 is sent, the app is told the client disconnected, and whatever the app
    answers after that is dropped, so a large body never sits in memory.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", ())).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(send)
            return
        seen = 0
        refused = False

        async def counted() -> Message:
            nonlocal seen, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    refused = True
                    await self._refuse(send)
                    return {"type": "http.disconnect"}
            return message

        async def guarded(message: Message) -> None:
            if not refused:
                await send(message)

        await self.app(scope, counted, guarded)

    async def _refuse(self, send: Send) -> None:
        body = _too_large_body(self.max_bytes)
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})
