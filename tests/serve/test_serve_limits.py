"""Every request to `selftaught serve` is bounded, batched, and cancelled when its client leaves.

Tiny model on loopback. Each limit is hit once and must give OpenAI's error
envelope with the right status, naming the field and the bound; the batching
queue must decode concurrent requests together; a client that disconnects
must free the engine for the next request.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator

import httpx
import openai
import pytest
from tinker import types

from selftaught.serve import ChatEngine, ServeLimits, ServerThread, create_app, load_engine
from selftaught.serve.scheduler import Generation

MODEL = "tiny-random"
HI = [{"role": "user", "content": "hi"}]
LIMITS = ServeLimits(max_body_bytes=64 * 1024, max_n=4, max_tokens=256, max_queued=4,
                     chunk_tokens=4)


@pytest.fixture(scope="module")
def engine() -> ChatEngine:
    return load_engine(MODEL, device="cpu", max_tokens_default=8, limits=LIMITS)


@pytest.fixture(scope="module")
def base_url(engine: ChatEngine) -> Iterator[str]:
    with ServerThread(create_app(engine)) as server:
        yield server.base_url


@pytest.fixture(scope="module")
def client(base_url: str) -> openai.OpenAI:
    return openai.OpenAI(base_url=base_url + "/v1", api_key="unused", max_retries=0)


def error_of(response: httpx.Response) -> dict[str, object]:
    body = response.json()
    assert set(body) == {"error"} and {"message", "type", "param", "code"} <= set(body["error"])
    return dict(body["error"])


def test_oversized_body_is_413_before_it_is_read(base_url: str) -> None:
    big = json.dumps({"model": MODEL, "messages": [{"role": "user", "content": "x" * 200_000}]})
    response = httpx.post(f"{base_url}/v1/chat/completions", content=big,
                          headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert "65536 bytes (max_body_bytes)" in str(error_of(response)["message"])


def test_oversized_chunked_body_is_413_too(base_url: str) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"model": "tiny-random", "messages": [{"role": "user", "content": "'
        for _ in range(100):
            yield b"x" * 4096
        yield b'"}]}'

    response = httpx.post(f"{base_url}/v1/chat/completions", content=chunks(),
                          headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert error_of(response)["code"] == "request_too_large"


@pytest.mark.parametrize(("extra", "param", "needle"), [
    ({"n": 5}, "n", "at most 4 choices"),
    ({"max_tokens": 1_000_000_000}, "max_tokens", "at most 256 tokens"),
    ({"max_completion_tokens": 300}, "max_completion_tokens", "at most 256 tokens"),
])
def test_limits_are_400_naming_the_field(client: openai.OpenAI, extra: dict[str, object],
                                          param: str, needle: str) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        client.chat.completions.create(model=MODEL, messages=HI, **extra)  # type: ignore[arg-type]
    error = caught.value.body
    assert isinstance(error, dict) and error["param"] == param and needle in error["message"]


def test_prompt_longer_than_the_context_is_refused(client: openai.OpenAI,
                                                   engine: ChatEngine) -> None:
    assert engine.context_length is not None
    long_prompt = [{"role": "user", "content": "tok " * (engine.context_length + 100)}]
    with pytest.raises(openai.BadRequestError) as caught:
        client.chat.completions.create(model=MODEL, messages=long_prompt,  # type: ignore[arg-type]
                                       max_tokens=4)
    error = caught.value.body
    assert isinstance(error, dict) and error["code"] == "context_length_exceeded"
    assert f"maximum context length is {engine.context_length}" in error["message"]


def test_prompt_plus_max_tokens_over_the_context_is_refused(client: openai.OpenAI,
                                                            engine: ChatEngine) -> None:
    assert engine.context_length is not None
    prompt = [{"role": "user", "content": "tok " * (engine.context_length - 200)}]
    with pytest.raises(openai.BadRequestError) as caught:
        client.chat.completions.create(model=MODEL, messages=prompt,  # type: ignore[arg-type]
                                       max_tokens=250)
    assert isinstance(caught.value.body, dict)
    assert caught.value.body["code"] == "context_length_exceeded"


def long_generation(engine: ChatEngine, max_tokens: int, n: int = 1) -> Generation:
    """A generation that never stops early (no stop tokens), straight on the scheduler."""
    prompt = engine.renderer.build_generation_prompt(HI)  # type: ignore[arg-type]
    generation = Generation(prompt=prompt, n=n, stop_strings=[], decode=lambda t: "",
                            params=types.SamplingParams(max_tokens=max_tokens, stop=[], seed=1))
    engine.scheduler.submit(generation)
    return generation


def test_full_queue_is_429(client: openai.OpenAI, engine: ChatEngine) -> None:
    held = [long_generation(engine, 4000) for _ in range(LIMITS.max_queued)]
    try:
        with pytest.raises(openai.RateLimitError) as caught:
            client.chat.completions.create(model=MODEL, messages=HI)  # type: ignore[arg-type]
        assert "max_queued=4" in str(caught.value)
    finally:
        for generation in held:
            engine.cancel(generation)
    reply = client.chat.completions.create(model=MODEL, messages=HI)  # type: ignore[arg-type]
    assert reply.choices[0].finish_reason in ("stop", "length")


def test_requests_in_flight_are_decoded_together(engine: ChatEngine) -> None:
    before = engine.scheduler.stats.max_requests
    first = long_generation(engine, 40)  # 10 steps of 4 tokens: the others join it
    others = [long_generation(engine, 8) for _ in range(2)]
    for generation in [first, *others]:
        sequences = generation.future.result(timeout=60)
        assert all(len(s.tokens_T) == generation.params.max_tokens for s in sequences)
    assert engine.scheduler.stats.max_requests >= 3 > before or before >= 3


def test_multi_step_replies_are_reproducible(client: openai.OpenAI) -> None:
    def ask() -> list[str | None]:
        reply = client.chat.completions.create(model=MODEL, messages=HI,  # type: ignore[arg-type]
                                               n=2, max_tokens=13, seed=5, temperature=1.0)
        return [c.message.content for c in reply.choices]

    assert ask() == ask()  # 13 tokens = 4 steps of 4, seeds derived per step and choice


def test_client_disconnect_cancels_the_generation(base_url: str, engine: ChatEngine,
                                                  client: openai.OpenAI) -> None:
    cancelled = engine.scheduler.stats.cancelled
    body = {"model": MODEL, "messages": HI, "n": 4, "max_tokens": 256}
    with pytest.raises(httpx.ReadTimeout):  # the client gives up and closes the connection
        httpx.post(f"{base_url}/v1/chat/completions", json=body, timeout=0.2)
    deadline = time.monotonic() + 30
    while engine.scheduler.stats.cancelled == cancelled:  # observed, not assumed
        assert time.monotonic() < deadline, "the disconnect did not cancel the generation"
        time.sleep(0.05)
    assert engine.scheduler.queued == 0
    reply = client.chat.completions.create(model=MODEL, messages=HI)  # type: ignore[arg-type]
    assert reply.choices


def test_closing_the_engine_fails_queued_requests_with_503(engine: ChatEngine,
                                                           client: openai.OpenAI) -> None:
    errors: list[BaseException] = []

    def ask() -> None:
        try:
            client.chat.completions.create(model=MODEL, messages=HI,  # type: ignore[arg-type]
                                           n=4, max_tokens=256)
        except openai.APIStatusError as error:
            errors.append(error)

    thread = threading.Thread(target=ask)
    thread.start()
    deadline = time.monotonic() + 30
    while engine.scheduler.queued == 0:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    engine.close()
    thread.join(timeout=30)
    assert len(errors) == 1 and getattr(errors[0], "status_code", None) == 503


def test_limit_parsing_names_the_bad_item() -> None:
    assert ServeLimits.parse(["max_n=2", "max_queued=9"]).max_queued == 9
    with pytest.raises(ValueError, match="NAME one of max_body_bytes"):
        ServeLimits.parse(["max_nope=2"])
    with pytest.raises(ValueError, match="is not an integer"):
        ServeLimits.parse(["max_n=two"])
    with pytest.raises(ValueError, match="must be a positive integer"):
        ServeLimits.parse(["max_n=0"])
