"""A bounded load test of a real `selftaught serve` process, with the official `openai` client.

Concurrent clients (hostile requests mixed in) must all get answers: 200s for
the normal requests, 4xx for the hostile ones, and the server must still be
healthy afterwards with requests decoded together. Then SIGTERM with a long
generation in flight must stop the process within seconds. p50/p99 latency is
recorded as test properties; `benchmarks/serve_load.py` measures the figures
the docs quote.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import httpx
import pytest

from selftaught.serve.loadtest import LoadConfig, ServerProcess, health, run_load

MODEL = "tiny-random"
SIGTERM_BOUND_S = 10.0
"""Grace period (3 s) plus one decode step, with a wide margin for a busy machine."""


@pytest.fixture(scope="module")
def server() -> Iterator[ServerProcess]:
    with ServerProcess(["--model", MODEL, "--port", "0", "--device", "cpu",
                        "--max-tokens", "16", "--limit", "max_n=8"]) as proc:
        yield proc


def test_concurrent_clients_are_all_answered(server: ServerProcess,
                                             record_property: pytest.RecordProperty) -> None:
    config = LoadConfig(clients=8, requests_per_client=4, max_tokens=16, hostile_every=4)
    result = run_load(server.base_url, MODEL, config)
    summary = result.summary()
    for key in ("p50_s", "p99_s", "requests_per_s"):
        record_property(key, summary[key])
    print(f"serve load: {summary}")  # shown with -s, or on failure
    assert summary["requests"] == 32
    assert result.hostile_sent == 8 and result.hostile_refused == 8
    assert summary["ok"] == 24, summary["statuses"]
    after = health(server.base_url)
    assert after["status"] == "ok" and after["queued"] == 0
    assert int(after["max_requests"]) >= 2  # concurrent requests shared decode steps


def test_sigterm_with_work_in_flight_stops_within_seconds(server: ServerProcess) -> None:
    body = {"model": MODEL, "messages": [{"role": "user", "content": "go"}], "n": 8,
            "max_tokens": 3000}
    answers: list[object] = []

    def long_request() -> None:
        try:
            answers.append(httpx.post(f"{server.base_url}/v1/chat/completions", json=body,
                                      timeout=60).text)
        except httpx.HTTPError as error:  # the server going away mid-request is expected
            answers.append(error)

    thread = threading.Thread(target=long_request, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while health(server.base_url)["queued"] == 0:  # the generation is running: observed
        assert time.monotonic() < deadline, f"the long request never ran: {answers}"
        time.sleep(0.05)
    seconds = server.terminate()
    assert seconds < SIGTERM_BOUND_S
    output = "".join(server.output)
    assert "Traceback" not in output
    thread.join(timeout=30)
