"""``--backend openai``: in-context learners over an OpenAI-compatible endpoint.

The endpoint is ``selftaught serve`` (the tiny random model) on loopback; the command
is the real CLI (`selftaught run`), in-process through typer's runner.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from selftaught.cli.main import app
from selftaught.models.backend import BackendChoice, resolve_backend, use_backend
from selftaught.models.remote import BackendError


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    import torch

    from selftaught.serve import ServerThread, create_app, load_engine

    torch.set_num_threads(1)
    with ServerThread(create_app(load_engine("tiny-random", device="cpu",
                                             max_tokens_default=8))) as server:
        yield server.base_url + "/v1"


@pytest.fixture(autouse=True)
def _restore_backend() -> Iterator[None]:
    yield
    use_backend(BackendChoice())


def test_resolution_errors_are_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    with pytest.raises(BackendError, match="needs an endpoint: pass --base-url"):
        resolve_backend("openai")
    with pytest.raises(BackendError, match="cannot reach it"):
        resolve_backend("openai", "http://127.0.0.1:9/v1")
    with pytest.raises(BackendError, match="OPENAI_API_KEY is not set"):
        resolve_backend("openai", "https://api.example.invalid/v1")
    with pytest.raises(BackendError, match="only the in-context learners"):
        BackendChoice("openai", "http://127.0.0.1:9/v1").make_service()


def test_weight_learners_are_refused_before_any_run_directory(served: str,
                                                              tmp_path: Path) -> None:
    out = tmp_path / "runs"
    result = CliRunner().invoke(app, ["run", "--backend", "openai", "--base-url", served,
                                      "--model", "tiny-random", "--quick", "--run-dir", str(out)])
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "learner 'lora' trains weights" in lines[0], result.output
    assert not out.exists()


def test_notes_learner_runs_end_to_end_on_the_endpoint(served: str, tmp_path: Path) -> None:
    out = tmp_path / "runs"
    result = CliRunner().invoke(app, ["run", "--backend", "openai", "--base-url", served,
                                      "--model", "tiny-random", "--quick", "--learners", "notes",
                                      "--run-dir", str(out)])
    assert result.exit_code == 0, result.output
    # the learner row of the summary table, and its costs come from the server's usage
    row = next(line for line in result.output.splitlines() if line.startswith("│ notes"))
    assert int(row.split("│")[6].strip().replace(",", "")) > 0  # tokens per chapter
    assert (out / "report.html").is_file() and (out / "run.sqlite").is_file()


def test_chat_notes_learner_keeps_notes_and_answers(served: str) -> None:
    from selftaught.learners import make_learner
    from selftaught.learners.chat_notes import ChatNotesLearner
    from selftaught.types import Chapter, Exercise, Grade, Textbook

    use_backend(resolve_backend("openai", served))
    chapter = Chapter(id="c1", title="t", exposition="In Zorbian 'lopa' means dog.",
                      exercises=[Exercise(id="e", prompt="What is 'lopa'?", answer="dog")],
                      probes=[Exercise(id="p", prompt="'lopa' in English?", answer="dog")])
    book = Textbook(id="b", title="t", domain="custom", chapters=[chapter])
    learner = make_learner("notes", book=book, seed=0, model="tiny-random")
    assert isinstance(learner, ChatNotesLearner)
    assert "lopa" in (learner.study(chapter) or "")
    learner.feedback(chapter.exercises[0], "Answer: cat",
                     Grade(score=0.0, correct=False, feedback="expected dog"))
    assert "Your notes:" in learner.system_prompt("What is 'lopa'?")
    replies = learner.answer(["What is 'lopa'?", "'lopa' in English?"])
    assert len(replies) == 2 and all(r.startswith("Answer:") or "answer:" in r.lower()
                                     for r in replies)
    assert learner.costs().tokens_prompt > 0 and learner.costs().tokens_sampled > 0
    with pytest.raises(BackendError, match="trains weights"):
        make_learner("lora", book=book, seed=0, model="tiny-random")
    json.dumps(learner.costs().model_dump())


@pytest.mark.parametrize("args", [
    ["train"],
    ["learner", "new", "ada", "--kind", "lora"],
    ["learner", "new", "ada", "--kind", "hybrid"],
])
def test_commands_that_need_weights_refuse_openai_in_one_line(
        served: str, args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, [*args, "--backend", "openai", "--base-url", served])
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: --backend openai:"), result.output
    assert list(tmp_path.iterdir()) == []  # nothing created
