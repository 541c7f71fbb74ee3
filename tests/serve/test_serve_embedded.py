"""Slow: `selftaught serve` over the real embedded SmolLM2 answers a factual question sensibly."""

from __future__ import annotations

import openai
import pytest

from selftaught.serve import ServerThread, create_app, load_engine


@pytest.mark.slow
def test_embedded_model_answers_over_http() -> None:
    engine = load_engine("smollm2-135m-instruct", device="cpu", max_tokens_default=16)
    with ServerThread(create_app(engine)) as server:
        client = openai.OpenAI(base_url=server.base_url + "/v1", api_key="x", max_retries=0)
        reply = client.chat.completions.create(
            model="smollm2-135m-instruct", temperature=0.0, max_tokens=16,
            messages=[{"role": "user", "content": "What is the capital of France?"}],
        )
    text = reply.choices[0].message.content or ""
    assert "Paris" in text, text
    assert reply.choices[0].finish_reason in ("stop", "length")
    assert "<|im_end|>" not in text and "<|im_start|>" not in text
