"""`selftaught serve` and `selftaught models` from the command line: one-line errors with exit 1,
and a real `serve` process answering the official client until it is interrupted."""

from __future__ import annotations

import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

import openai
import pytest
import typer
from typer.testing import CliRunner

from selftaught.cli import models as models_cli
from selftaught.serve import wait_until_ready


def _app() -> typer.Typer:
    app = typer.Typer()
    models_cli.register(app)
    return app


def _invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(_app(), list(args))
    return result.exit_code, result.stdout, result.stderr


def test_cli_names_match_the_model_layer() -> None:
    from selftaught.models import loading

    assert models_cli.DEFAULT_MODEL == loading.DEFAULT_MODEL
    assert models_cli.MODEL_NAMES == loading.MODEL_NAMES


def test_missing_state_is_one_line(tmp_path: Path) -> None:
    code, _, err = _invoke("serve", "--model", "tiny-random", "--port", "0",
                           "--state", str(tmp_path / "nope"))
    assert code == 2  # every user-fixable error exits 2
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"error: {tmp_path / 'nope'}/")
    assert "not found; pass a directory written by save_state" in err


def test_unknown_model_is_one_line(tmp_path: Path) -> None:
    code, _, err = _invoke("serve", "--model", str(tmp_path / "missing-model"), "--port", "0")
    assert code == 2  # every user-fixable error exits 2
    assert err.startswith("error: unknown model") and err.count("\n") == 1


@pytest.mark.parametrize(("item", "needle"), [
    ("max_n=zero", "'zero' is not an integer"),
    ("max_nope=3", "expected NAME=VALUE"),
    ("max_queued=0", "must be a positive integer"),
])
def test_bad_limit_is_one_line(item: str, needle: str) -> None:
    code, _, err = _invoke("serve", "--model", "tiny-random", "--port", "0", "--limit", item)
    assert code != 0
    assert err.count("\n") == 1 and "Traceback" not in err and needle in err


def test_busy_port_fails_before_loading() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        code, _, err = _invoke("serve", "--model", "tiny-random", "--port", str(port))
    assert code == 2  # every user-fixable error exits 2
    assert f"cannot listen on 127.0.0.1:{port}" in err and "pick another --port" in err


def test_models_list() -> None:
    code, out, _ = _invoke("models", "list")
    assert code == 0
    assert "smollm2-135m-instruct" in out and "tiny-random" in out


def test_models_prepare_reports_parameters() -> None:
    code, out, _ = _invoke("models", "prepare", "tiny-random")
    assert code == 0
    assert re.search(r"tiny-random: 0\.\d+M parameters, torch.float32, cpu, ready in", out)


_SERVE = ("import typer; from selftaught.cli import models; app = typer.Typer(); "
          "models.register(app); app()")


def test_serve_process_round_trip() -> None:
    """Start `serve` as a real process on a free port, read its URL, talk to it, Ctrl-C it."""
    proc = subprocess.Popen(
        [sys.executable, "-c", _SERVE, "serve", "--model", "tiny-random", "--port", "0",
         "--device", "cpu", "--max-tokens", "4"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "OMP_NUM_THREADS": "1"},  # tiny model: one thread is fastest
    )
    lines: queue.Queue[str] = queue.Queue()
    assert proc.stdout is not None
    stdout = proc.stdout
    reader = threading.Thread(target=lambda: [lines.put(line) for line in stdout], daemon=True)
    reader.start()
    try:
        url = None
        seen: list[str] = []
        while url is None:
            try:
                line = lines.get(timeout=60)
            except queue.Empty:
                pytest.fail(f"serve printed no URL within 60 s; output: {seen}")
            seen.append(line)
            match = re.search(r"at (http://127\.0\.0\.1:\d+)/v1", line)
            url = match.group(1) if match else None
            if proc.poll() is not None:
                pytest.fail(f"serve exited early: {seen}")
        wait_until_ready(url, timeout_s=30)
        client = openai.OpenAI(base_url=url + "/v1", api_key="x", max_retries=0)
        reply = client.chat.completions.create(
            model="tiny-random", messages=[{"role": "user", "content": "hi"}], temperature=0
        )
        assert reply.usage is not None and 1 <= reply.usage.completion_tokens <= 4
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            code = proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
    # uvicorn shuts down gracefully, then re-raises SIGINT: the conventional exit status 130.
    assert code in (0, 128 + signal.SIGINT), seen
    reader.join(timeout=10)  # the pipe reaches EOF once the process has exited
    proc_output = "".join(seen) + "".join(_drain(lines))
    assert "Finished server process" in proc_output and "Traceback" not in proc_output


def _drain(lines: queue.Queue[str]) -> list[str]:
    out: list[str] = []
    while not lines.empty():
        out.append(lines.get_nowait())
    return out
