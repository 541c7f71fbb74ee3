"""``selftaught serve --backend local|tinker|openai`` and ``--base-url``.

``--backend tinker`` serves, over OpenAI's chat API, a model that runs on a Tinker service:
here a Tinker-protocol server (selftaught's local service) on loopback, reached through the
official SDK. The other pairings are refused in one line before anything starts, and so are a
missing key and an endpoint that does not answer.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import openai
import pytest
from serve_process import serve_process
from typer.testing import CliRunner

from selftaught.cli.main import app
from selftaught.models.backend import BackendChoice, current_backend

UNREACHABLE = "http://127.0.0.1:9"


@pytest.fixture(autouse=True)
def no_tinker_key(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("TINKER_API_KEY", "TINKER_CREDENTIAL_CMD", "TINKER_BASE_URL", "OPENAI_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # no stored `tinker auth login` key
    monkeypatch.setenv("TINKER_TELEMETRY", "0")


@pytest.fixture(scope="module")
def tinker_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Tinker-protocol server on loopback (its Hugging Face cache a temporary directory)."""
    from huggingface_hub import constants

    from selftaught.models import LocalServiceClient
    from selftaught.serve import ServerThread
    from selftaught.serve.tinker import create_tinker_app

    service = LocalServiceClient(state_dir=tmp_path_factory.mktemp("tinker-state"), device="cpu")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(constants, "HF_HUB_CACHE", str(tmp_path_factory.mktemp("hub")))
        with ServerThread(create_tinker_app(service)) as server:
            yield server.base_url


def _serve(*flags: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(app, ["serve", *flags, "--port", "0"])
    return result.exit_code, [line for line in result.output.splitlines() if line.strip()]


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--backend", "openai"], "serve --backend openai: the endpoint already speaks OpenAI's"),
        (["--tinker", "--backend", "tinker", "--base-url", UNREACHABLE],
         "serve --tinker --backend tinker: a Tinker service already speaks the Tinker protocol"),
        (["--tinker", "--backend", "openai"],
         "serve --tinker --backend openai: the Tinker protocol samples tokens and trains"),
        (["--backend", "tinker"], "--backend tinker needs an API key: TINKER_API_KEY is not set"),
        (["--backend", "tinker", "--base-url", UNREACHABLE], "cannot reach it (ConnectError)"),
        (["--tinker", "--base-url", UNREACHABLE], "--base-url needs --backend tinker or openai"),
        (["--backend", "gpu"], "--backend: unknown 'gpu'"),
    ],
    ids=["openai", "tinker-tinker", "tinker-openai", "no-key", "unreachable", "local-url",
         "unknown"],
)  # fmt: skip
def test_refused_in_one_line_before_anything_starts(
    flags: list[str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    code, lines = _serve(*flags, "--state-dir", str(work / "state"))
    assert code == 2, lines
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], lines
    assert list(work.iterdir()) == [], "nothing may be created before the check"
    assert current_backend() == BackendChoice(), "serve never changes the learners' backend"


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--device", "cpu"], "--device: with --backend tinker the model runs on the Tinker"),
        (["--state", "runs/some-dir"], "--state runs/some-dir: with --backend tinker, give the "
                                       "tinker:// path"),
        (["--model", "no-such-model"], "no-such-model: the service cannot serve it "
                                       "(BadRequestError"),
    ],
    ids=["device", "local-state", "unknown-model"],
)  # fmt: skip
def test_tinker_backend_option_errors_are_one_line(
    tinker_url: str, flags: list[str], message: str
) -> None:
    code, lines = _serve("--backend", "tinker", "--base-url", tinker_url, *flags)
    assert code == 2, lines
    assert len(lines) == 1 and message in lines[0], lines


def test_tinker_backend_serves_openai_chat_through_the_sdk(tinker_url: str) -> None:
    """The real command as a process: OpenAI's client -> serve --backend tinker -> the SDK ->
    the Tinker-protocol server. Greedy replies equal the local backend's."""
    from selftaught.serve import ChatCompletionRequest, load_engine

    messages = [{"role": "user", "content": "Say hi"}]
    with serve_process(
        ["--backend", "tinker", "--base-url", tinker_url, "--model", "tiny-random", "--port", "0",
         "--max-tokens", "6"],
        url_pattern=r"at (http://127\.0\.0\.1:\d+)/v1",
        env={"HF_HUB_OFFLINE": "1", "TINKER_TELEMETRY": "0", "SELFTAUGHT_NUM_THREADS": "1"},
    ) as served:  # fmt: skip
        assert "on a Tinker service" in served.output, served.output
        client = openai.OpenAI(base_url=served.url + "/v1", api_key="x", max_retries=0)
        assert [m.id for m in client.models.list()] == ["tiny-random"]
        reply = client.chat.completions.create(
            model="tiny-random", messages=messages, temperature=0, logprobs=True,  # type: ignore[arg-type]
        )
    local = load_engine("tiny-random", device="cpu", max_tokens_default=6).complete(
        ChatCompletionRequest.model_validate(
            {"model": "tiny-random", "messages": messages, "temperature": 0}
        )
    )
    assert reply.usage is not None and reply.usage.completion_tokens == 6
    assert reply.usage.prompt_tokens == local.usage.prompt_tokens  # type: ignore[union-attr]
    assert reply.choices[0].message.content == local.choices[0].message.content
    assert reply.choices[0].logprobs is not None and reply.choices[0].logprobs.content
