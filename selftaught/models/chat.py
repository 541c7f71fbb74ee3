"""Chat rendering: messages -> tokens with the model's chat template, and back.

Why one renderer for every learner: the training sequences a learner builds
must tokenize exactly like the prompts it samples from (prompt tokens + sampled
tokens == supervised tokens), or LoRA updates teach a format the sampler never
sees. The renderer derives everything from the tokenizer's own chat template
by rendering growing prefixes of the conversation, and checks that each prefix
tokenizes as a prefix of the next, so it raises instead of training on a
misaligned sequence.

Shape follows tinker-cookbook's renderers: ``build_generation_prompt``,
``build_supervised_example``, ``get_stop_sequences`` and ``parse_response``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal, TypedDict

from tinker import types

from selftaught.models.datums import datum_from_tokens_weights

__all__ = ["Message", "Renderer", "datum_from_tokens_weights", "get_renderer"]


class Message(TypedDict):
    """One chat turn."""

    role: str
    """``system`` | ``user`` | ``assistant``."""
    content: str


TrainOn = Literal["all_assistant", "last_assistant"]


class Renderer:
    """Messages <-> tokens for one tokenizer (its chat template and end-of-turn token)."""

    def __init__(self, tokenizer: Any) -> None:
        if getattr(tokenizer, "chat_template", None) is None:
            raise ValueError(
                f"tokenizer {getattr(tokenizer, 'name_or_path', '?')!r} has no chat template; "
                "use an instruct/chat model or set tokenizer.chat_template"
            )
        self.tokenizer = tokenizer
        self._eot_ids = _end_of_turn_ids(tokenizer)

    # ------------------------------------------------------------ rendering

    def _render_text(self, messages: Sequence[Message], add_generation_prompt: bool) -> str:
        text = self.tokenizer.apply_chat_template(
            [dict(m) for m in messages], tokenize=False, add_generation_prompt=add_generation_prompt
        )
        return str(text)

    def _encode(self, text: str) -> list[int]:
        return [int(t) for t in self.tokenizer.encode(text, add_special_tokens=False)]

    def build_generation_prompt(
        self, messages: Sequence[Message], prefill: str = ""
    ) -> types.ModelInput:
        """Tokens of the conversation plus the header of the assistant's next turn.

        ``prefill`` is text the assistant's reply is forced to start with.
        """
        _check_messages(messages)
        return types.ModelInput.from_ints(
            self._encode(self._render_text(messages, add_generation_prompt=True) + prefill)
        )

    def build_supervised_example(
        self, messages: Sequence[Message], train_on: TrainOn = "all_assistant"
    ) -> tuple[types.ModelInput, list[float]]:
        """The full conversation's tokens and a weight per token: 1 on assistant replies.

        Weighted tokens are each assistant reply's content and its end-of-turn token (so the
        model learns to stop); headers, other roles and template glue get weight 0. Feed the
        result to `datum_from_tokens_weights` for a ``cross_entropy`` datum.
        """
        _check_messages(messages)
        assistant_idx = [i for i, m in enumerate(messages) if m["role"] == "assistant"]
        if not assistant_idx:
            raise ValueError("build_supervised_example: no assistant message to train on")
        trained = set(assistant_idx if train_on == "all_assistant" else assistant_idx[-1:])
        tokens_T: list[int] = []
        weights_T: list[float] = []
        for i, message in enumerate(messages):
            if message["role"] == "assistant":
                header = self._encode(self._render_text(messages[:i], add_generation_prompt=True))
                self._extend(tokens_T, weights_T, header, 0.0, i)
            full = self._encode(self._render_text(messages[: i + 1], add_generation_prompt=False))
            body = self._extend(tokens_T, weights_T, full, 0.0, i)
            if i in trained:
                # Weight the reply up to and including its first end-of-turn token.
                start = len(tokens_T) - len(body)
                end = next(
                    (start + k + 1 for k, t in enumerate(body) if t in self._eot_ids), len(tokens_T)
                )
                for k in range(start, end):
                    weights_T[k] = 1.0
        return types.ModelInput.from_ints(tokens_T), weights_T

    def build_supervised_datum(
        self, messages: Sequence[Message], train_on: TrainOn = "all_assistant"
    ) -> types.Datum:
        """`build_supervised_example` shifted into a ``cross_entropy`` `Datum`."""
        model_input, weights_T = self.build_supervised_example(messages, train_on)
        return datum_from_tokens_weights(model_input.to_ints(), weights_T)

    @staticmethod
    def _extend(
        tokens_T: list[int], weights_T: list[float], prefix_tokens: list[int], weight: float, i: int
    ) -> list[int]:
        """Append ``prefix_tokens[len(tokens_T):]``, checking ``tokens_T`` is its prefix."""
        if prefix_tokens[: len(tokens_T)] != tokens_T:
            raise ValueError(
                f"message {i}: the chat template does not render conversations by appending "
                "turns (a prefix tokenizes differently); this renderer cannot align weights"
            )
        added = prefix_tokens[len(tokens_T) :]
        tokens_T.extend(added)
        weights_T.extend([weight] * len(added))
        return added

    # ------------------------------------------------------------ stopping and parsing

    def get_stop_sequences(self) -> list[int]:
        """Token ids that end the assistant's turn (pass as ``SamplingParams.stop``)."""
        return sorted(self._eot_ids)

    @property
    def stop_sequences(self) -> list[int]:
        """Same as `get_stop_sequences`."""
        return self.get_stop_sequences()

    def parse_response(self, tokens_T: Sequence[int]) -> tuple[Message, bool]:
        """The assistant message in sampled tokens, and whether it ended properly.

        Text stops at the first end-of-turn token; special tokens are dropped. ``False``
        means the reply was cut off (e.g. by ``max_tokens``) before ending its turn.
        """
        tokens = [int(t) for t in tokens_T]
        end = next((k for k, t in enumerate(tokens) if t in self._eot_ids), None)
        body = tokens if end is None else tokens[:end]
        text = self.tokenizer.decode(body, skip_special_tokens=True)
        return Message(role="assistant", content=str(text)), end is not None


def get_renderer(tokenizer: Any) -> Renderer:
    """The renderer for a tokenizer (clients' ``get_tokenizer()``)."""
    return Renderer(tokenizer)


def _check_messages(messages: Sequence[Message]) -> None:
    for i, m in enumerate(messages):
        if not isinstance(m, dict) or "role" not in m or "content" not in m:
            raise ValueError(f"messages[{i}]: expected a dict with 'role' and 'content'")
        if not isinstance(m["content"], str):
            raise ValueError(f"messages[{i}].content: expected a string")


def _end_of_turn_ids(tokenizer: Any) -> set[int]:
    ids: set[int] = set()
    for tok in ("<|im_end|>", "<|eot_id|>", "<end_of_turn>", "<|end|>"):
        tid = tokenizer.convert_tokens_to_ids(tok)
        if isinstance(tid, int) and tid != tokenizer.unk_token_id and tid >= 0:
            ids.add(tid)
    if tokenizer.eos_token_id is not None:
        ids.add(int(tokenizer.eos_token_id))
    if not ids:
        raise ValueError("tokenizer has neither an end-of-turn nor an EOS token")
    return ids
