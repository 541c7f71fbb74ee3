"""`selftaught serve`: a local model (optionally with a saved LoRA state) behind OpenAI's API.

Why: other tools — agent frameworks, eval harnesses, chat UIs, and selftaught's
own `OpenAISamplingClient` — speak the OpenAI chat-completions protocol. Serving
a learner's model that way lets anything talk to what it has learned.

Usage::

    selftaught serve --model smollm2-135m-instruct --port 8000     # base model
    selftaught serve --state ~/.cache/selftaught/checkpoints/.../weights/day5   # + a LoRA

    from openai import OpenAI
    client = OpenAI(base_url="http://127.0.0.1:8000/v1", api_key="unused")
    client.chat.completions.create(model="smollm2-135m-instruct",
                                   messages=[{"role": "user", "content": "Hi"}])

Honoured: ``n``, ``temperature``, ``top_p``, ``max_tokens`` / ``max_completion_tokens``,
``stop``, ``seed``, ``logprobs``, ``stream`` (the finished reply as one event stream),
``usage``. Refused with a 400 naming the field: tools, response formats, penalties,
``top_logprobs``, images.

Every request is bounded (``limits``: body size, ``n``, ``max_tokens``, prompt
tokens, the model's context, queued requests; ``--limit NAME=VALUE``), requests
are decoded together in steps (``scheduler``), a client that disconnects has its
generation cancelled, and SIGTERM stops the server within seconds.

Layout: ``schemas`` (request schema, error shape), ``limits`` (`ServeLimits`,
the body-size middleware), ``scheduler`` (the batching queue), ``engine``
(requests -> Tinker-shaped sampling with the shared chat renderer), ``app``
(FastAPI routes), ``server`` (foreground `run_server`, background `ServerThread`).
"""

from __future__ import annotations

from selftaught.serve.app import create_app
from selftaught.serve.engine import ChatEngine, RequestError, load_engine
from selftaught.serve.limits import ServeLimits
from selftaught.serve.schemas import ChatCompletionRequest
from selftaught.serve.server import (
    ServerStartError,
    ServerThread,
    bind_socket,
    run_server,
    socket_url,
    wait_until_ready,
)

__all__ = [
    "ChatCompletionRequest",
    "ChatEngine",
    "RequestError",
    "ServeLimits",
    "ServerStartError",
    "ServerThread",
    "bind_socket",
    "create_app",
    "load_engine",
    "run_server",
    "socket_url",
    "wait_until_ready",
]
