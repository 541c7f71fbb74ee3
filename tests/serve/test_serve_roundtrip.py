"""`selftaught serve` on loopback with the tiny model, driven by the official `openai` client
and by selftaught's own `OpenAISamplingClient`: results must equal direct local sampling."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import openai
import pytest
from tinker import types

from selftaught.models import LocalServiceClient, datum_from_tokens_weights, get_renderer
from selftaught.models.openai_client import OpenAISamplingClient
from selftaught.serve import ChatEngine, ServerThread, create_app, load_engine

MODEL = "tiny-random"
MESSAGES = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Say hi."}]


@pytest.fixture(scope="module")
def engine() -> ChatEngine:
    return load_engine(MODEL, device="cpu", max_tokens_default=16)


@pytest.fixture(scope="module")
def base_url(engine: ChatEngine) -> Iterator[str]:
    with ServerThread(create_app(engine)) as server:
        yield server.base_url + "/v1"


@pytest.fixture(scope="module")
def client(base_url: str) -> openai.OpenAI:
    return openai.OpenAI(base_url=base_url, api_key="unused", max_retries=0)


def direct_sample(engine: ChatEngine, n: int, max_tokens: int, seed: int, temperature: float
                  ) -> types.SampleResponse:
    """The same request made straight on the local sampling client."""
    prompt = engine.renderer.build_generation_prompt(MESSAGES)  # type: ignore[arg-type]
    params = types.SamplingParams(max_tokens=max_tokens, seed=seed, temperature=temperature,
                                  stop=engine.renderer.get_stop_sequences())
    return engine.sampling_client.sample(prompt, n, params).result()


def test_models_route_lists_the_served_model(client: openai.OpenAI) -> None:
    assert [m.id for m in client.models.list()] == [MODEL]
    assert client.models.retrieve(MODEL).owned_by == "selftaught"


def test_round_trip_equals_direct_sampling(client: openai.OpenAI, engine: ChatEngine) -> None:
    completion = client.chat.completions.create(
        model=MODEL, messages=MESSAGES,  # type: ignore[arg-type]
        n=3, temperature=1.0, max_tokens=12, seed=7, logprobs=True,
    )
    direct = direct_sample(engine, n=3, max_tokens=12, seed=7, temperature=1.0)
    assert len(completion.choices) == 3
    prompt_len = engine.renderer.build_generation_prompt(MESSAGES).length  # type: ignore[arg-type]
    assert completion.usage is not None
    assert completion.usage.prompt_tokens == prompt_len
    assert completion.usage.completion_tokens == sum(len(s.tokens) for s in direct.sequences)
    assert completion.usage.total_tokens == prompt_len + completion.usage.completion_tokens
    for choice, seq in zip(completion.choices, direct.sequences, strict=True):
        expected, ended = engine.renderer.parse_response(seq.tokens)
        assert choice.message.content == expected["content"]
        assert choice.finish_reason == ("stop" if ended else "length")
        assert choice.logprobs is not None and choice.logprobs.content is not None
        served = [item.logprob for item in choice.logprobs.content]
        assert served == pytest.approx(seq.logprobs[: len(served)], abs=1e-6)  # type: ignore[index]
        assert all(lp <= 0 for lp in served)


def test_seeded_requests_repeat_and_greedy_choices_agree(client: openai.OpenAI) -> None:
    def texts(**kw: object) -> list[str | None]:
        completion = client.chat.completions.create(model=MODEL, messages=MESSAGES,  # type: ignore[arg-type]
                                                    max_tokens=10, **kw)  # type: ignore[call-overload]
        return [c.message.content for c in completion.choices]

    assert texts(n=2, seed=3, temperature=1.0) == texts(n=2, seed=3, temperature=1.0)
    greedy = texts(n=3, temperature=0.0)
    assert greedy[0] == greedy[1] == greedy[2]


def test_stop_string_is_excluded_and_reported(client: openai.OpenAI) -> None:
    full = client.chat.completions.create(model=MODEL, messages=MESSAGES,  # type: ignore[arg-type]
                                          temperature=0.0, max_tokens=16,
                                          logprobs=True).choices[0]
    text = full.message.content or ""
    assert len(text) >= 4, f"greedy reply too short to test stop strings: {text!r}"
    stop = text[2:4]
    cut = client.chat.completions.create(model=MODEL, messages=MESSAGES,  # type: ignore[arg-type]
                                         temperature=0.0, max_tokens=16, stop=[stop],
                                         logprobs=True).choices[0]
    assert cut.message.content == text[: text.index(stop)]
    assert cut.finish_reason == "stop"
    # Logprobs cover just the tokens of the returned text: a strict prefix of the full ones.
    assert full.logprobs is not None and full.logprobs.content is not None
    assert cut.logprobs is not None and cut.logprobs.content is not None
    full_lp = [item.logprob for item in full.logprobs.content]
    cut_lp = [item.logprob for item in cut.logprobs.content]
    assert 0 < len(cut_lp) < len(full_lp)
    assert cut_lp == full_lp[: len(cut_lp)]


def test_streaming_returns_the_same_text(client: openai.OpenAI) -> None:
    plain = client.chat.completions.create(model=MODEL, messages=MESSAGES,  # type: ignore[arg-type]
                                           temperature=0.0, max_tokens=8)
    stream = client.chat.completions.create(model=MODEL, messages=MESSAGES,  # type: ignore[arg-type]
                                            temperature=0.0, max_tokens=8, stream=True,
                                            stream_options={"include_usage": True})
    chunks = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == plain.choices[0].message.content
    assert chunks[-1].usage is not None and plain.usage is not None
    assert chunks[-1].usage.completion_tokens == plain.usage.completion_tokens


def test_unknown_model_is_404_with_message(client: openai.OpenAI) -> None:
    with pytest.raises(openai.NotFoundError) as info:
        client.chat.completions.create(model="gpt-9", messages=MESSAGES)  # type: ignore[arg-type]
    assert "model 'gpt-9' does not exist; this server serves 'tiny-random'" in str(info.value)
    with pytest.raises(openai.NotFoundError):
        client.models.retrieve("gpt-9")


@pytest.mark.parametrize(
    ("extra", "needle"),
    [
        ({"n": 0}, "n: Input should be greater than or equal to 1"),
        ({"temperature": 3.0}, "temperature: Input should be less than or equal to 2"),
        ({"stop": ["a", "b", "c", "d", "e"]}, "at most 4 stop sequences"),
        ({"tools": [{"type": "function", "function": {"name": "f"}}]}, "tool calling is not"),
        ({"presence_penalty": 0.5}, "presence_penalty: only 0 is supported"),
        ({"top_logprobs": 2, "logprobs": True}, "top_logprobs: alternatives are not returned"),
    ],
)
def test_bad_requests_are_400_naming_the_field(client: openai.OpenAI, extra: dict[str, object],
                                               needle: str) -> None:
    with pytest.raises(openai.BadRequestError) as info:
        client.chat.completions.create(model=MODEL, messages=MESSAGES, **extra)  # type: ignore[call-overload]
    assert needle in str(info.value)


def test_selftaught_client_against_the_server(base_url: str, engine: ChatEngine) -> None:
    with OpenAISamplingClient(base_url, max_retries=0) as ours:
        assert ours.model == MODEL
        reply = ours.sample_chat(MESSAGES, n=2, temperature=1.0, max_tokens=12, seed=7,
                                 logprobs=True)
        many = ours.sample_chat_many([MESSAGES, MESSAGES[1:]], n=1, temperature=0.0,
                                     max_tokens=6)
    direct = direct_sample(engine, n=2, max_tokens=12, seed=7, temperature=1.0)
    assert reply.texts == [engine.renderer.parse_response(s.tokens)[0]["content"]
                           for s in direct.sequences]
    for sample in reply.samples_G:
        assert sample.logprobs_T is not None and sample.tokens_T is not None
        assert len(sample.logprobs_T) == len(sample.tokens_T)
    assert len(many) == 2 and all(len(r.texts) == 1 for r in many)


def test_serving_a_saved_lora_state(tmp_path: Path, engine: ChatEngine) -> None:
    """Train the tiny model's LoRA a few steps, save it, serve it: the server must answer with
    the trained weights (equal to the trainer's own snapshot), not the base ones."""
    service = LocalServiceClient(device="cpu")
    trainer = service.create_lora_training_client(base_model=MODEL, rank=4, seed=0).result()
    renderer = get_renderer(trainer.get_tokenizer())
    tokens, weights = renderer.build_supervised_example(
        [*MESSAGES, {"role": "assistant", "content": "zzzz zzzz"}]  # type: ignore[list-item]
    )
    datum = datum_from_tokens_weights(tokens.to_ints(), weights)
    for _ in range(3):
        trainer.forward_backward([datum], "cross_entropy").result()
        trainer.optim_step(types.AdamParams(learning_rate=0.05)).result()
    saved = trainer.save_state(str(tmp_path / "state")).result().path
    snapshot = trainer.save_weights_and_get_sampling_client().result()

    served = load_engine(state=saved, device="cpu")
    assert served.model_id == MODEL and "LoRA state" in served.description
    prompt = renderer.build_generation_prompt(MESSAGES)  # type: ignore[arg-type]
    params = types.SamplingParams(max_tokens=10, temperature=0.0,
                                  stop=renderer.get_stop_sequences())
    want = snapshot.sample(prompt, 1, params).result().sequences[0]
    base = engine.sampling_client.sample(prompt, 1, params).result().sequences[0]
    with ServerThread(create_app(served)) as server:
        got = openai.OpenAI(base_url=server.base_url + "/v1", api_key="x").chat.completions.create(
            model=MODEL, messages=MESSAGES, temperature=0.0, max_tokens=10,  # type: ignore[arg-type]
            logprobs=True,
        ).choices[0]
    assert got.message.content == renderer.parse_response(want.tokens)[0]["content"]
    assert got.logprobs is not None and got.logprobs.content
    served_lp = np.array([item.logprob for item in got.logprobs.content])
    assert served_lp == pytest.approx(np.array(want.logprobs[: len(served_lp)]), abs=1e-6)  # type: ignore[index]
    assert want.logprobs != base.logprobs  # the LoRA really changed the model


def test_concurrent_requests_are_all_answered(base_url: str) -> None:
    """Concurrent requests share the model worker (and may share a decode batch)."""
    from concurrent.futures import ThreadPoolExecutor

    def ask(i: int) -> tuple[int, int]:
        client = openai.OpenAI(base_url=base_url, api_key="x", max_retries=0)
        completion = client.chat.completions.create(
            model=MODEL, messages=[{"role": "user", "content": f"Count to {i}."}],
            n=2, max_tokens=6, seed=i,
        )
        assert completion.usage is not None
        return len(completion.choices), completion.usage.completion_tokens

    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(ask, range(6)))
    assert all(n == 2 and 2 <= tokens <= 12 for n, tokens in results)
