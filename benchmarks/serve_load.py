"""`selftaught serve` under load and under abuse: latency, throughput, and how each fault ends.

What it measures, against a real ``selftaught serve`` process on loopback,
driven by the official ``openai`` client (`selftaught.serve.loadtest`):

* ``load`` rows: ``clients`` concurrent clients x ``requests`` each, every
  4th request hostile (``n=10000``; ``max_tokens=1e9``; a 20,000-token prompt).
  p50/p99 latency of the normal requests, throughput, how many hostile
  requests were refused (all must be), and the batching queue's mean and
  largest batch (choices decoded together per step).
* ``sequential`` row: the same requests from one client, so the effect of batching shows.
* ``fault`` rows: a 50 MB body (status and seconds to the answer); a client
  that leaves a long generation (``n=8``, 3,000 tokens) after 2 s (seconds until
  the queue is empty again, then the latency of the next small request);
  SIGTERM with that long generation in flight (seconds until the process is gone).

The server's CPU seconds (from ``/proc``) and the load average are recorded,
since the machine is shared. Run:

    .venv/bin/python benchmarks/serve_load.py [--model tiny-random] [--clients 16] [--requests 8]
    .venv/bin/python benchmarks/serve_load.py --model smollm2-135m-instruct --clients 8 \
        --requests 3 --name serve_load_smollm2
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Annotated, Any

import httpx
import typer
from _common import RESULTS_DIR, Report, finish, load_note

from selftaught.serve.loadtest import LoadConfig, ServerProcess, health, run_load

LONG = {"messages": [{"role": "user", "content": "go"}], "n": 8, "max_tokens": 3000}


def _cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _wait_queue(base_url: str, empty: bool, timeout_s: float = 120.0) -> float:
    """Seconds until the server's queue is (non-)empty, polled every 20 ms."""
    start = time.perf_counter()
    while (health(base_url)["queued"] == 0) != empty:
        if time.perf_counter() - start > timeout_s:
            raise RuntimeError(f"queue not {'empty' if empty else 'busy'} after {timeout_s} s")
        time.sleep(0.02)
    return time.perf_counter() - start


def _load_row(name: str, server: ServerProcess, model: str, config: LoadConfig) -> dict[str, Any]:
    assert server.proc is not None
    before_h, before_cpu = health(server.base_url), _cpu_s(server.proc.pid)
    result = run_load(server.base_url, model, config)
    after = health(server.base_url)
    steps = int(after["steps"]) - int(before_h["steps"])
    rows = int(after["rows"]) - int(before_h["rows"])
    return {"scenario": name, "clients": config.clients,
            "requests_per_client": config.requests_per_client, "max_tokens": config.max_tokens,
            **result.summary(),
            "mean_batch_rows": round(rows / steps, 2) if steps else 0.0,
            "max_batch_requests": after["max_requests"],
            "server_cpu_s": round(_cpu_s(server.proc.pid) - before_cpu, 2),
            "healthy_after": after["status"] == "ok" and after["queued"] == 0}


def _faults(server: ServerProcess, model: str) -> list[dict[str, Any]]:
    url = f"{server.base_url}/v1/chat/completions"
    rows: list[dict[str, Any]] = []
    start = time.perf_counter()
    big = b'{"model": "%s", "messages": [{"role": "user", "content": "' % model.encode()
    response = httpx.post(url, content=big + b"x" * 50_000_000 + b'"}]}',
                          headers={"content-type": "application/json"}, timeout=60)
    rows.append({"scenario": "fault: 50 MB body", "status": response.status_code,
                 "seconds": round(time.perf_counter() - start, 3)})

    try:
        httpx.post(url, json={"model": model, **LONG}, timeout=2.0)
        left = "answered within 2 s (no disconnect)"
    except httpx.ReadTimeout:
        left = "client left after 2 s"
    freed = _wait_queue(server.base_url, empty=True)
    start = time.perf_counter()
    small = httpx.post(url, json={"model": model, "max_tokens": 8,
                                  "messages": [{"role": "user", "content": "hi"}]}, timeout=120)
    rows.append({"scenario": f"fault: {left} (n=8, 3000 tokens)",
                 "status": small.status_code, "seconds": round(freed, 3),
                 "note": f"queue empty {freed:.2f} s after the disconnect; next small request "
                         f"answered in {time.perf_counter() - start:.2f} s"})

    thread = threading.Thread(target=lambda: httpx.post(url, json={"model": model, **LONG},
                                                        timeout=120), daemon=True)
    thread.start()
    _wait_queue(server.base_url, empty=False)
    rows.append({"scenario": "fault: SIGTERM with a long generation in flight",
                 "status": "exited", "seconds": round(server.terminate(), 3)})
    return rows


def run(model: str, clients: int, requests: int, max_tokens: int,
        name: str = "serve_load") -> Report:
    args = ["--model", model, "--port", "0", "--device", "cpu", "--max-tokens", str(max_tokens),
            "--limit", "max_n=8", "--limit", f"max_queued={max(64, clients * 2)}"]
    with ServerProcess(args) as server:
        # warm-up: first request pays for lazy initialisation
        run_load(server.base_url, model, LoadConfig(clients=1, requests_per_client=2,
                                                    max_tokens=max_tokens))
        rows = [
            _load_row("load (1 in 4 hostile)", server, model,
                      LoadConfig(clients=clients, requests_per_client=requests,
                                 max_tokens=max_tokens, hostile_every=4)),
            _load_row("sequential (1 client)", server, model,
                      LoadConfig(clients=1, requests_per_client=requests * clients * 3 // 4,
                                 max_tokens=max_tokens)),
        ]
        faults = _faults(server, model)
    load = rows[0]
    return Report(
        name=name,
        rows=rows + faults,
        columns=["scenario", "clients", "ok", "hostile_refused", "p50_s", "p99_s",
                 "requests_per_s", "completion_tokens_per_s", "mean_batch_rows", "status",
                 "seconds"],
        config={"model": model, "clients": clients, "requests": requests,
                "max_tokens": max_tokens},
        summary={"p50_s": load["p50_s"], "p99_s": load["p99_s"],
                 "requests_per_s": load["requests_per_s"],
                 "batching_speedup": round(load["completion_tokens_per_s"]
                                           / rows[1]["completion_tokens_per_s"], 2)
                 if rows[1]["completion_tokens_per_s"] else float("nan"),
                 "sigterm_exit_s": faults[-1]["seconds"]},
        notes=[load_note(), f"load avg (1/5/15 min) at the end: {os.getloadavg()}"],
    )


def main(
    model: Annotated[str, typer.Option(help="Model to serve.")] = "tiny-random",
    clients: Annotated[int, typer.Option(min=1, help="Concurrent clients.")] = 16,
    requests: Annotated[int, typer.Option(min=1, help="Requests per client.")] = 8,
    max_tokens: Annotated[int, typer.Option(min=1, help="max_tokens per request.")] = 32,
    name: Annotated[str, typer.Option(help="Result name (<results-dir>/<name>.json).")
                    ] = "serve_load",
    results_dir: Annotated[Path, typer.Option(help="Where to write the JSON.")] = RESULTS_DIR,
) -> None:
    """Load-test `selftaught serve` and write benchmarks/results/serve_load.json."""
    finish(run(model, clients, requests, max_tokens, name), results_dir)


if __name__ == "__main__":
    typer.run(main)
