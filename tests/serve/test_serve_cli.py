"""`selftaught serve` and `selftaught models` from the command line: one-line errors with exit 1,
and a real `serve` process answering the official client until it is interrupted."""

from __future__ import annotations

import re
import signal
import socket
from pathlib import Path

import openai
import pytest
import typer
from serve_process import serve_process
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


def test_serve_process_round_trip() -> None:
    """Start `serve` as a real process on a free port, read its URL, talk to it, Ctrl-C it."""
    with serve_process(["--model", "tiny-random", "--port", "0", "--device", "cpu",
                        "--max-tokens", "4"], url_pattern=r"at (http://127\.0\.0\.1:\d+)/v1",
                       timeout_s=60) as served:
        wait_until_ready(served.url, timeout_s=30)
        client = openai.OpenAI(base_url=served.url + "/v1", api_key="x", max_retries=0)
        reply = client.chat.completions.create(
            model="tiny-random", messages=[{"role": "user", "content": "hi"}], temperature=0
        )
        assert reply.usage is not None and 1 <= reply.usage.completion_tokens <= 4
    # uvicorn shuts down gracefully, then re-raises SIGINT: the conventional exit status 130.
    assert served.returncode in (0, 128 + signal.SIGINT), served.output
    assert "Finished server process" in served.output
