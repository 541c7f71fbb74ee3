"""`selftaught serve`: a local model (optionally with a saved LoRA state) behind OpenAI's API.

Why: other tools — agent frameworks, eval harnesses, chat UIs, and selftaught's
own `OpenAISamplingClient` — speak the OpenAI chat-completions protocol. Serving
a learner's model that way lets anything talk to what it has learned.

Layout: ``schemas`` (request schema, error shape), ``engine`` (requests ->
Tinker-shaped sampling with the shared chat renderer), ``app`` (FastAPI routes),
``server`` (foreground `run_server`, background `ServerThread`).
"""

from __future__ import annotations

from selftaught.serve.app import create_app
from selftaught.serve.engine import ChatEngine, RequestError, load_engine
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
    "ServerStartError",
    "ServerThread",
    "bind_socket",
    "create_app",
    "load_engine",
    "run_server",
    "socket_url",
    "wait_until_ready",
]
