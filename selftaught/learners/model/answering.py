r"""Answering: the prompt a model learner answers in, how long it may answer, and scoring.

One chat prompt per question: a system turn (a short instruction, the book's
``answer_format`` and any recalled notes), then any recalled *demonstrations* -- items
the learner was shown with their answers (worked examples, practice exercises after
feedback) as earlier user/assistant turns answered ``Answer: <answer>`` -- then the
question, and the assistant's reply prefilled with ``Answer:``. Notes bring the facts;
demonstrations show, in the book's own items, how short an answer is and what kind of
thing it is (a name, a letter, a number): on the development books a 135M model copied
the demonstrated form far better than it followed the instruction alone (docs/learners.md).
Training conversations are rendered by the same function without notes, so what is
learned is asked the same way it is tested.

Answer length follows the item (`answer_shape`): a word or a sentence stops at the
end of its line, with a generous token budget that is a safety net rather than a cut;
code (the prompt or the book's format asks for a function, a code block, Python) stops
at the end of the turn and keeps the whole fenced block. Decoding is greedy; all
prompts of one shape are sampled in one batched call.

`answer_logprobs` scores a reference answer under the same prompt: the mean log
probability per token of ``Answer: <reference>``'s answer tokens, one batched scoring
pass (``compute_logprobs`` futures submitted together).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from tinker import types

from selftaught.models import Message, datum_from_tokens_weights

SYSTEM_PROMPT = "Answer briefly."
"""Short on purpose: every token of it is paid in every training sequence and every answer."""
PREFILL = "Answer:"
MAX_TEXT_TOKENS = 256
"""Raw-text training sequences (exposition paragraphs) are cut to this many tokens."""
_CODE_RE = re.compile(
    r"```|\bdef\b|\bfunction\b|\bpython\b|\bimplement"
    r"|\b(?:write|give|show)\b[^.?!\n]{0,30}\bcode\b|\bcode (?:block|snippet)", re.IGNORECASE)
"""A question asking for code. Plain ``code`` is not enough: "the code of the kitchen lock"
is a one-line answer (a development book's probe was sampled as a code block)."""


@dataclass(frozen=True)
class AnswerShape:
    """How an answer of one kind is sampled."""

    kind: Literal["line", "code"]
    max_tokens: int
    stop: tuple[str, ...]
    """Stop strings besides the end of the turn (``\n`` for a one-line answer, the closing
    fence for code)."""
    prefill: str = "Answer:"
    """What the reply is forced to start with: ``Answer:``, and for code the opening fence
    too, so the closing fence is the only one the stop string can meet."""


def answer_shape(prompt: str, *, line_tokens: int, code_tokens: int) -> AnswerShape:
    r"""A code answer when the question asks for code, else a one-line answer.

    >>> answer_shape("Write a function add(a, b).", line_tokens=48, code_tokens=320).kind
    'code'
    >>> answer_shape("What does 'telo' mean?", line_tokens=48, code_tokens=320).stop
    ('\n',)
    >>> answer_shape("How often does the code of the lock change?", line_tokens=48,
    ...              code_tokens=320).kind
    'line'
    >>> answer_shape("Write the code that sorts it.", line_tokens=48, code_tokens=320).kind
    'code'
    """
    if _CODE_RE.search(prompt):
        return AnswerShape("code", code_tokens, ("\n```",), prefill=f"{PREFILL} ```")
    return AnswerShape("line", line_tokens, ("\n",))


def system_text(answer_format: str, notes: Sequence[str] = ()) -> str:
    """The system turn: the instruction, the book's answer convention, the recalled notes.

    >>> print(system_text("Reply with one word.", ["telo -> water"]))
    Answer briefly. Reply with one word.
    <BLANKLINE>
    Your notes:
    - telo -> water
    """
    text = SYSTEM_PROMPT + (f" {answer_format.strip()}" if answer_format.strip() else "")
    if notes:
        text += "\n\nYour notes:\n" + "\n".join(f"- {n}" for n in notes)
    return text


Demo = tuple[str, str]
"""A demonstration: (question, its reference answer), shown as an earlier answered turn."""


def question_messages(
    prompt: str, answer_format: str, notes: Sequence[str] = (), demos: Sequence[Demo] = ()
) -> list[Message]:
    """The answering conversation up to the question (`system_text`, demonstrations, question).

    >>> [m["role"] for m in question_messages("Q?", "", [], [("P?", "x")])]
    ['system', 'user', 'assistant', 'user']
    >>> question_messages("Q?", "", [], [("P?", "x")])[2]["content"]
    'Answer: x'
    """
    messages = [Message(role="system", content=system_text(answer_format, notes))]
    for question, answer in demos:
        messages += [Message(role="user", content=question.strip()),
                     Message(role="assistant", content=f"{PREFILL} {answer.strip()}")]
    return [*messages, Message(role="user", content=prompt.strip())]


def extract_answer(text: str, shape: AnswerShape) -> str:
    r"""The graded response from the sampled continuation of ``Answer:``.

    >>> extract_answer(" telo\n", AnswerShape("line", 8, ("\n",)))
    'Answer: telo'
    >>> code = AnswerShape("code", 8, ("\n```",), prefill="Answer: ```")
    >>> extract_answer("python\ndef f():\n    return 1\n```", code)
    'Answer:\n```python\ndef f():\n    return 1\n```'
    >>> extract_answer("python\ndef f(", code)  # cut by max_tokens: the fence is still closed
    'Answer:\n```python\ndef f(\n```'
    """
    if shape.kind == "code":
        body = text.rstrip()
        body = body[: -len("```")].rstrip() if body.endswith("```") else body
        return f"{PREFILL}\n```{body}\n```"
    body = text.strip()
    return f"{PREFILL} {body.split(chr(10), 1)[0].strip()}"


class Answerer:
    """Builds prompts and training sequences and samples/scores answers for one learner."""

    def __init__(self, renderer: Any, tokenizer: Any, answer_format: str, *,
                 line_tokens: int, code_tokens: int) -> None:
        self.renderer = renderer
        self.tokenizer = tokenizer
        self.answer_format = answer_format
        self.line_tokens = line_tokens
        self.code_tokens = code_tokens

    def count_tokens(self, text: str) -> int:
        return len(self.tokenizer.encode(text, add_special_tokens=False))

    def shape(self, prompt: str) -> AnswerShape:
        return answer_shape(prompt + " " + self.answer_format, line_tokens=self.line_tokens,
                            code_tokens=self.code_tokens)

    def prompt(self, question: str, notes: Sequence[str] = (), prefill: str = PREFILL,
               demos: Sequence[Demo] = ()) -> types.ModelInput:
        messages = question_messages(question, self.answer_format, notes, demos)
        return self.renderer.build_generation_prompt(messages, prefill=prefill)

    def datum(self, prompt: str, reply: str, chat: bool, notes: Sequence[str] = (),
              demos: Sequence[Demo] = ()) -> types.Datum:
        """A training datum: the answering conversation (with the notes and demonstrations
        recalled for it, when training in context), or raw text trained on throughout.

        Only the reply is the target: the demonstrations' answers in context are read, not
        trained (trained, every step would also push the few demonstrated answers, which is
        how a short study learns which answers occur rather than which question each goes
        with)."""
        if chat:
            messages = [*question_messages(prompt, self.answer_format, notes, demos),
                        Message(role="assistant", content=reply)]
            return self.renderer.build_supervised_datum(messages, train_on="last_assistant")
        tokens = self.tokenizer.encode(reply, add_special_tokens=False)[:MAX_TEXT_TOKENS]
        if len(tokens) < 2:
            tokens = tokens + self.renderer.get_stop_sequences()[:1]
        return datum_from_tokens_weights(tokens, [1.0] * len(tokens))

    def answer(
        self, client: Any, questions: Sequence[str], notes_P: Sequence[Sequence[str]],
        demos_P: Sequence[Sequence[Demo]] | None = None,
    ) -> tuple[list[str], int, int]:
        """Greedy answers, one batched call per shape -> (responses, prompt tokens, sampled)."""
        from selftaught.models import sample_many

        shapes = [self.shape(q) for q in questions]
        demos_P = demos_P if demos_P is not None else [()] * len(questions)
        inputs = [self.prompt(q, n, s.prefill, d)
                  for q, n, s, d in zip(questions, notes_P, shapes, demos_P, strict=True)]
        out: list[str] = [""] * len(questions)
        sampled = 0
        for shape in dict.fromkeys(shapes):
            rows = [i for i, s in enumerate(shapes) if s == shape]
            params = types.SamplingParams(
                max_tokens=shape.max_tokens, temperature=0.0,
                stop=[*shape.stop] if shape.stop else None,
            )
            responses = sample_many(client, [inputs[i] for i in rows], 1, params)
            for i, response in zip(rows, responses, strict=True):
                tokens = response.sequences[0].tokens
                sampled += len(tokens)
                text = self.renderer.parse_response(tokens)[0]["content"]
                out[i] = extract_answer(text, shape)
        return out, sum(i.length for i in inputs), sampled

    def answer_logprobs(
        self, client: Any, questions: Sequence[str], references: Sequence[str],
        notes_P: Sequence[Sequence[str]], demos_P: Sequence[Sequence[Demo]] | None = None,
    ) -> list[float]:
        """Mean log-probability per token of each reference answer after ``Answer:``."""
        futures: list[tuple[Any, int] | None] = []
        demos_P = demos_P if demos_P is not None else [()] * len(questions)
        for question, reference, notes, demos in zip(questions, references, notes_P, demos_P,
                                                     strict=True):
            messages = question_messages(question, self.answer_format, notes, demos)
            base = self.renderer.build_generation_prompt(messages, prefill=PREFILL)
            full = self.renderer.build_generation_prompt(
                messages, prefill=f"{PREFILL} {reference.strip()}")
            n = full.length - base.length
            if n < 1:
                futures.append(None)
                continue
            futures.append((client.compute_logprobs(full, prompt_logprobs_last_n=n), n))
        scores: list[float] = []
        for entry in futures:
            if entry is None:
                scores.append(math.nan)
                continue
            future, n = entry
            row = [x for x in future.result()[-n:] if x is not None]
            scores.append(sum(row) / len(row) if row else math.nan)
        return scores
