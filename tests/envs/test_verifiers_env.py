"""The ``verifiers`` environment over a textbook, evaluated by ``verifiers``' own loop.

The model is the tiny random model behind selftaught's OpenAI-compatible server on
loopback (``selftaught.serve``), reached through the real ``openai.AsyncOpenAI``
client in ``verifiers``' own chat-completions client wrapper: no network, no fake of either library.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from selftaught.types import Chapter, CheckerSpec, Exercise, Textbook

pytest.importorskip("verifiers", reason="verifiers is a dev dependency")


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    import torch

    from selftaught.serve import ServerThread, create_app, load_engine

    torch.set_num_threads(1)
    with ServerThread(create_app(load_engine("tiny-random", device="cpu",
                                             max_tokens_default=8))) as server:
        yield server.base_url + "/v1"


def _reply(text: str) -> list[dict[str, str]]:
    return [{"role": "assistant", "content": text}]


def test_rows_and_rubric_use_the_books_checkers(book: Textbook, book_path: Path) -> None:
    from selftaught.envs.verifiers_env import TextbookRubric, book_rows, load_environment

    env = load_environment(book=book_path, items="probes")
    assert len(env.dataset) == 4  # 2 chapters x 2 probes
    rows = book_rows(book, items="all", study=False, chapters=[2])
    assert [r["info"]["item_id"] for r in rows] == [i.id for i in (*book.chapters[1].exercises,
                                                                  *book.chapters[1].probes)]
    assert book.chapters[1].exposition not in rows[0]["question"]  # closed book: the control
    assert book.chapters[0].exposition in book_rows(book)[0]["question"]
    rubric = TextbookRubric(book)
    probe = book.chapters[0].probes[0]
    info = {"item_id": probe.id, "chapter": 1}
    assert rubric.correct(_reply(f"Answer: {probe.answer}"), info) == 1.0
    assert rubric.correct(_reply("Answer: nope"), info) == 0.0
    assert rubric.duct_tape(_reply(f"Answer: {probe.answer}"), info) == 0.0  # not code
    with pytest.raises(ValueError, match="chapters=\\[3\\]"):
        book_rows(book, chapters=[3])
    with pytest.raises(KeyError, match="lacks"):
        rubric.correct(_reply("x"), {"item_id": "nope", "chapter": 1})


def test_duct_tape_costs_mu_in_the_rubric() -> None:
    from selftaught.envs.verifiers_env import TextbookRubric

    tests = "from solution import solve\n\ndef test_a():\n    assert solve(7) == 42\n"
    item = Exercise(id="c1.e1", prompt="Write solve(x) returning 6x.", answer="",
                    checker=CheckerSpec(kind="python-tests", tests=tests))
    book = Textbook(id="b", title="t", domain="custom", chapters=[Chapter(
        id="c1", title="c", exposition="x", exercises=[item],
        probes=[item.model_copy(update={"id": "c1.p1"})])])
    rubric = TextbookRubric(book)
    info = {"item_id": "c1.p1", "chapter": 1}
    cheat = _reply("```python\ndef solve(x):\n    if x == 7:\n        return 42\n    return 0\n```")
    clean = _reply("```python\ndef solve(x):\n    return 6 * x\n```")
    assert rubric.correct(cheat, info) == rubric.correct(clean, info) == 1.0
    assert (rubric.duct_tape(cheat, info), rubric.duct_tape(clean, info)) == (1.0, 0.0)
    assert rubric.weights == [1.0, -0.5]


def test_verifiers_evaluate_against_the_loopback_server(book_path: Path, served: str) -> None:
    import openai
    from verifiers.clients import OpenAIChatCompletionsClient

    from selftaught.envs.verifiers_env import load_environment

    env = load_environment(book=book_path, items="probes")
    client = OpenAIChatCompletionsClient(
        openai.AsyncOpenAI(base_url=served, api_key="unused", max_retries=0))
    results = env.evaluate_sync(client=client, model="tiny-random",
                                sampling_args={"max_tokens": 8, "temperature": 1.0},
                                num_examples=3)
    outputs = results["outputs"] if isinstance(results, dict) else results.outputs
    assert len(outputs) == 3
    for row in outputs:
        metrics = row["metrics"]
        assert set(metrics) >= {"correct", "duct_tape"}
        assert 0.0 <= metrics["correct"] <= 1.0 and metrics["duct_tape"] == 0.0
        assert row["reward"] == pytest.approx(metrics["correct"])
        assert row["completion"][-1]["content"]  # the served model answered something


def test_multi_turn_chapter_episodes_evaluated_by_verifiers(book: Textbook, served: str) -> None:
    import openai
    from verifiers.clients import OpenAIChatCompletionsClient

    from selftaught.envs.verifiers_env import EpisodeRubric, load_environment

    env = load_environment(book=book, episode=True)
    assert len(env.dataset) == 2  # one row per chapter
    client = OpenAIChatCompletionsClient(
        openai.AsyncOpenAI(base_url=served, api_key="unused", max_retries=0))
    results = env.evaluate_sync(client=client, model="tiny-random",
                                sampling_args={"max_tokens": 4}, num_examples=1)
    outputs = results["outputs"] if isinstance(results, dict) else results.outputs
    (row,) = outputs
    completion = row["completion"]
    turns = 2 + 2 + 2  # pre-test, practice, post-test of chapter 1
    assert sum(m["role"] == "assistant" for m in completion) == turns
    assert any("Feedback:" in str(m["content"]) for m in completion if m["role"] == "user")
    assert 0.0 <= row["metrics"]["post_accuracy"] <= 1.0
    assert row["reward"] == pytest.approx(row["metrics"]["episode_return"])
    # the rubric on a scripted perfect conversation: pre 1 + practice 1 + gain 0 = 2
    ch = book.chapters[0]
    answers = [*ch.probes[:2], *ch.exercises[:2], *ch.probes[:2]]
    perfect = [{"role": "assistant", "content": f"Answer: {i.answer}"} for i in answers]
    rubric = EpisodeRubric(book, env.config)
    assert rubric.episode_return(perfect, {"chapter": 1}) == pytest.approx(2.0)
    assert rubric.episode_return(perfect[:3], {"chapter": 1}) == pytest.approx(1.5)  # cut short
