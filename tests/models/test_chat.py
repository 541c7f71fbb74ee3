"""Chat rendering: prompts and training sequences agree token for token."""

from __future__ import annotations

import pytest

from selftaught.models import Message, get_renderer
from selftaught.models.loading import build_byte_tokenizer


@pytest.fixture(scope="module")
def renderer():  # type: ignore[no-untyped-def]
    return get_renderer(build_byte_tokenizer())


CONVO: list[Message] = [
    {"role": "system", "content": "Be brief."},
    {"role": "user", "content": "2+2?"},
    {"role": "assistant", "content": "4"},
    {"role": "user", "content": "and 3+3?"},
    {"role": "assistant", "content": "Six."},
]


def test_generation_prompt_ends_with_assistant_header(renderer) -> None:  # type: ignore[no-untyped-def]
    tokens = renderer.build_generation_prompt(CONVO[:2]).to_ints()
    text = renderer.tokenizer.decode(tokens)
    assert text.endswith("<|im_start|>user\n2+2?<|im_end|>\n<|im_start|>assistant\n")
    with_prefill = renderer.build_generation_prompt(CONVO[:2], prefill="Answer:").to_ints()
    assert renderer.tokenizer.decode(with_prefill).endswith("assistant\nAnswer:")


def test_supervised_weights_cover_exactly_the_replies(renderer) -> None:  # type: ignore[no-untyped-def]
    model_input, weights = renderer.build_supervised_example(CONVO)
    tokens = model_input.to_ints()
    assert len(tokens) == len(weights)
    trained = renderer.tokenizer.decode([t for t, w in zip(tokens, weights, strict=True) if w])
    assert trained == "4<|im_end|>Six.<|im_end|>"
    _, last_only = renderer.build_supervised_example(CONVO, train_on="last_assistant")
    trained = renderer.tokenizer.decode([t for t, w in zip(tokens, last_only, strict=True) if w])
    assert trained == "Six.<|im_end|>"


def test_prompt_plus_reply_is_the_supervised_sequence(renderer) -> None:  # type: ignore[no-untyped-def]
    """What the sampler sees + what it emits == what training trains on."""
    prompt = renderer.build_generation_prompt(CONVO[:4]).to_ints()
    model_input, weights = renderer.build_supervised_example(CONVO)
    full = model_input.to_ints()
    assert full[: len(prompt)] == prompt
    reply = full[len(prompt) :]
    message, ended = renderer.parse_response(reply)
    assert message == {"role": "assistant", "content": "Six."} and ended
    assert all(w == 1.0 for w in weights[len(prompt) : len(prompt) + len("Six.") + 1])


def test_parse_response_cut_off_and_stop_tokens(renderer) -> None:  # type: ignore[no-untyped-def]
    tokens = renderer.tokenizer.encode("unfinished", add_special_tokens=False)
    message, ended = renderer.parse_response(tokens)
    assert message["content"] == "unfinished" and not ended
    eot = renderer.tokenizer.convert_tokens_to_ids("<|im_end|>")
    assert renderer.get_stop_sequences() == renderer.stop_sequences == [eot]


def test_supervised_datum_is_next_token_shifted(renderer) -> None:  # type: ignore[no-untyped-def]
    model_input, weights = renderer.build_supervised_example(CONVO[1:3])
    datum = renderer.build_supervised_datum(CONVO[1:3])
    tokens = model_input.to_ints()
    assert datum.model_input.to_ints() == tokens[:-1]
    assert datum.loss_fn_inputs["target_tokens"].tolist() == tokens[1:]
    assert datum.loss_fn_inputs["weights"].tolist() == weights[1:]


def test_bad_messages_raise(renderer) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match="no assistant"):
        renderer.build_supervised_example([{"role": "user", "content": "hi"}])
    with pytest.raises(ValueError, match=r"messages\[0\]"):
        renderer.build_generation_prompt([{"role": "user"}])  # type: ignore[typeddict-item]
