"""`OpenAISamplingClient` against fake OpenAI-compatible servers: refilling ``n``, seeds,
logprobs, and one-line errors for unreachable, slow and refusing endpoints."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.responses import JSONResponse

from selftaught.models.openai_client import EndpointError, OpenAISamplingClient
from selftaught.serve import ServerThread


def _single_choice_app(seen: list[dict[str, Any]]) -> FastAPI:
    """A llama.cpp-like server: ignores ``n`` (always one choice), echoes the seed."""
    app = FastAPI()

    @app.get("/v1/models")
    def models() -> dict[str, Any]:
        return {"object": "list", "data": [{"id": "echo", "object": "model", "created": 0,
                                             "owned_by": "test"}]}

    @app.post("/v1/chat/completions")
    def complete(body: dict[str, Any]) -> dict[str, Any]:
        seen.append(body)
        if body["model"] != "echo":
            return JSONResponse(status_code=404,  # type: ignore[return-value]
                                content={"error": {"message": f"no model {body['model']}",
                                                   "type": "not_found_error"}})
        text = f"seed={body.get('seed')} last={body['messages'][-1]['content']}"
        logprobs = None
        if body.get("logprobs"):
            logprobs = {"content": [{"token": "seed", "logprob": -0.5, "bytes": None,
                                     "top_logprobs": []}]}
        return {
            "id": "x", "object": "chat.completion", "created": 0, "model": "echo",
            "choices": [{"index": 0, "finish_reason": "length" if body.get("max_tokens") == 1
                         else "stop", "logprobs": logprobs,
                         "message": {"role": "assistant", "content": text}}],
            "usage": {"prompt_tokens": 7, "completion_tokens": 3, "total_tokens": 10},
        }

    return app


@pytest.fixture(scope="module")
def echo_server() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    seen: list[dict[str, Any]] = []
    with ServerThread(_single_choice_app(seen)) as server:
        yield server.base_url + "/v1", seen


def test_model_resolved_from_server_and_n_refilled(echo_server: tuple[str, list]) -> None:
    url, seen = echo_server
    seen.clear()
    with OpenAISamplingClient(url) as client:
        assert client.list_models() == ["echo"]
        reply = client.sample_chat([{"role": "user", "content": "hi"}], n=3, seed=10,
                                   max_tokens=5, stop="\n")
    assert reply.model == "echo"
    # The server ignores n: the client asked again for the missing ones, with fresh seeds.
    assert [body.get("n", 1) for body in seen] == [3, 2, 1]
    assert reply.texts == ["seed=10 last=hi", "seed=11 last=hi", "seed=12 last=hi"]
    assert seen[0]["stop"] == ["\n"] and seen[0]["max_tokens"] == 5
    assert reply.prompt_tokens == 7 and reply.completion_tokens == 9
    assert all(s.stop_reason == "stop" and s.logprobs_T is None for s in reply.samples_G)


def test_logprobs_and_length_stop(echo_server: tuple[str, list]) -> None:
    url, _ = echo_server
    client = OpenAISamplingClient(url, model="echo")
    sample = client.sample_chat([{"role": "user", "content": "x"}], max_tokens=1,
                                logprobs=True).samples_G[0]
    assert sample.stop_reason == "length"
    assert sample.logprobs_T == [-0.5] and sample.tokens_T == ["seed"]


def test_many_conversations_keep_order(echo_server: tuple[str, list]) -> None:
    url, _ = echo_server
    client = OpenAISamplingClient(url, model="echo", max_workers=3)
    conversations = [[{"role": "user", "content": str(i)}] for i in range(7)]
    replies = client.sample_chat_many(conversations, n=2, seed=100)
    assert [r.texts for r in replies] == [
        [f"seed={100 + 2 * i} last={i}", f"seed={101 + 2 * i} last={i}"] for i in range(7)
    ]
    assert client.sample_chat_many([]) == []


def test_unknown_model_is_one_line_naming_url(echo_server: tuple[str, list]) -> None:
    url, _ = echo_server
    client = OpenAISamplingClient(url, model="nope", max_retries=0)
    with pytest.raises(EndpointError) as info:
        client.sample_chat([{"role": "user", "content": "x"}])
    message = str(info.value)
    assert "\n" not in message
    assert url in message and "404" in message and "no model nope" in message


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_unreachable_endpoint_is_one_line() -> None:
    url = f"http://127.0.0.1:{_closed_port()}/v1"
    client = OpenAISamplingClient(url, model="m", max_retries=0, timeout_s=5)
    with pytest.raises(EndpointError) as info:
        client.sample_chat([{"role": "user", "content": "x"}])
    message = str(info.value)
    assert "\n" not in message
    assert f"cannot reach {url}" in message and "is the server running" in message
    with pytest.raises(EndpointError, match="listing models: cannot reach"):
        OpenAISamplingClient(url, max_retries=0).list_models()


def test_timeout_is_one_line() -> None:
    release = threading.Event()
    app = FastAPI()

    @app.get("/v1/models")
    def models() -> dict[str, Any]:
        return {"object": "list", "data": []}

    @app.post("/v1/chat/completions")
    def stuck() -> dict[str, Any]:
        release.wait(timeout=30)  # blocks until the test is done with it
        return {}

    with ServerThread(app) as server:
        url = server.base_url + "/v1"
        try:
            client = OpenAISamplingClient(url, model="m", timeout_s=0.5, max_retries=0)
            with pytest.raises(EndpointError) as info:
                client.sample_chat([{"role": "user", "content": "x"}])
            assert str(info.value) == (
                f"chat completion with model 'm': no response from {url} within 0.5 s "
                "(the server may be overloaded or the request too long; raise timeout_s "
                "or lower max_tokens/n)"
            )
            with pytest.raises(EndpointError, match="lists no models"):
                _ = OpenAISamplingClient(url).model
        finally:
            release.set()


def test_bad_arguments_are_rejected_before_sending() -> None:
    client = OpenAISamplingClient("http://127.0.0.1:9/v1", model="m")
    with pytest.raises(ValueError, match="n must be >= 1"):
        client.sample_chat([{"role": "user", "content": "x"}], n=0)
    with pytest.raises(ValueError, match="timeout_s must be positive"):
        OpenAISamplingClient("http://127.0.0.1:9/v1", timeout_s=0)
