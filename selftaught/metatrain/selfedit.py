"""Self-edits in a guaranteed format: the policy writes Q/A pairs that always parse.

Why constrained decoding: asked for ``Q: ... A: ...`` lines, SmolLM2-135M wrote a
parseable pair in 0 of 24 free samples, so every reward was 0 and nothing could be
learned; the earlier repair -- a supervised warm start on a heuristic's flashcards --
would have made any later gain that heuristic distilled. Here the format is not asked
for but *imposed* while decoding, pair by pair, in batched rounds over every edit:

1. the reply is prefilled with ``Q:`` (part of the prompt: nothing to learn there);
2. the policy writes the question, stopped by ``A:`` or the end of the line; if it
   stopped any other way, `` A:`` is forced;
3. the policy writes the answer, stopped by the end of the line;
4. ``\\n Q:`` is forced and the next pair begins, ``pairs`` times.

So every edit parses as ``pairs`` pairs: a question or answer that comes out empty is
sampled again (``RETRIES`` times, other seeds) -- only a model that writes nothing four
times in a row can lose a pair, and `parse_rate` measures it. Only the tokens the policy sampled
carry its logprobs and are trained on by policy gradient (``sampled_T``); the forced
ones are context. The prompt is the learner's own request (`QA_REQUEST`), rendered as
the learner renders it, so the policy is trained on exactly what the learner asks.

The same writer runs in training (sampling K edits per chapter) and inside the
evaluated learner (`selftaught.metatrain.learner`: one edit per chapter it studies).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from tinker import types

from selftaught.learners.model import QA_RE, QA_REQUEST
from selftaught.models import (
    LocalSamplingClient,
    Message,
    Renderer,
    datum_from_tokens_weights,
    rl_datum,
)
from selftaught.types import Chapter, Exercise, Textbook

QUESTION_PREFILL = "Q:"
ANSWER_MARK = " A:"
RETRIES = 3
"""Times a question or answer that came out empty is sampled again before it is kept."""


@dataclass(frozen=True)
class EditFormat:
    """The shape of one self-edit: how many pairs, and the token budget of each part."""

    pairs: int = 4
    """Q/A pairs per edit (SEAL's knowledge edits are a handful of implications)."""
    question_tokens: int = 32
    """Most tokens of one question."""
    answer_tokens: int = 16
    """Most tokens of one answer (a word or a short phrase in the generated books)."""


@dataclass(frozen=True)
class ChapterTask:
    """One chapter the policy writes self-edits for, with the book it belongs to."""

    book: str
    """Book label (``language-s100``)."""
    chapter: int
    """1-based chapter number in its book."""
    textbook: Textbook
    """The whole book: the inner loop studies its earlier chapters before this one."""

    @property
    def key(self) -> str:
        return f"{self.book}/c{self.chapter}"

    @property
    def content(self) -> Chapter:
        return self.textbook.chapters[self.chapter - 1]

    @property
    def earlier_probes_P(self) -> tuple[Exercise, ...]:
        """Probes of the book's earlier chapters (forgetting is measured on them)."""
        return tuple(p for ch in self.textbook.chapters[: self.chapter - 1] for p in ch.probes)


def chapter_tasks(books_B: Sequence[Textbook], labels_B: Sequence[str]) -> list[ChapterTask]:
    """Every chapter of every book, in order."""
    return [ChapterTask(label, c, book)
            for book, label in zip(books_B, labels_B, strict=True)
            for c in range(1, len(book.chapters) + 1)]


@dataclass(frozen=True)
class Rollout:
    """One written self-edit: prompt and completion tokens, which were sampled, logprobs."""

    prompt_T: tuple[int, ...]
    tokens_T: tuple[int, ...]
    logprobs_T: tuple[float, ...]
    """Sampler logprob of each completion token (0.0 for forced tokens)."""
    text: str
    """``Q: ... A: ...`` lines (the prefill included)."""
    sampled_T: tuple[bool, ...] = ()
    """Per completion token: sampled by the policy (True) or forced by the format.
    Empty means all sampled."""

    @property
    def pairs(self) -> list[tuple[str, str]]:
        return parse_pairs(self.text)


def write_request(chapter: Chapter) -> str:
    """The learner's own request for this chapter."""
    return QA_REQUEST.format(title=chapter.title, exposition=chapter.exposition)


def policy_prompt(renderer: Renderer, chapter: Chapter) -> types.ModelInput:
    """The request as a user turn, the reply prefilled with ``Q:``."""
    return renderer.build_generation_prompt(
        [Message(role="user", content=write_request(chapter))], prefill=QUESTION_PREFILL)


def row_seed(seed: int, row: int, round_: int) -> int:
    """A distinct sampling seed per edit and decoding round (pure: resume-exact).

    >>> row_seed(0, 1, 2) != row_seed(0, 2, 1)
    True
    """
    return (seed * 1_000_003 + row * 7_919 + round_ * 104_729) % (2**31)


def sample_rows(client: Any, prompts_R: Sequence[types.ModelInput],
                params_R: Sequence[types.SamplingParams]) -> list[types.SampledSequence]:
    """One sample per row with its own parameters: one batched decode on a local client,
    concurrent futures on any other Tinker-shaped client."""
    if isinstance(client, LocalSamplingClient):
        responses = client.sample_many(list(prompts_R), 1, list(params_R)).result()
    else:
        futures = [client.sample(p, 1, s) for p, s in zip(prompts_R, params_R, strict=True)]
        responses = [f.result() for f in futures]
    return [r.sequences[0] for r in responses]


def write_edits(
    client: Any, renderer: Renderer, tokenizer: Any, chapters_C: Sequence[Chapter], *,
    group_size: int, edit_format: EditFormat, temperature: float, seed: int,
) -> list[list[Rollout]]:
    """``group_size`` self-edits per chapter in the guaranteed format: ``rollouts_C_G``.

    All edits of all chapters decode together, one batched call per part of a pair.
    """
    prompts_C = [policy_prompt(renderer, ch).to_ints() for ch in chapters_C]
    rows = [(c, g) for c in range(len(chapters_C)) for g in range(group_size)]
    tokens_R: list[list[int]] = [[] for _ in rows]
    logprobs_R: list[list[float]] = [[] for _ in rows]
    sampled_R: list[list[bool]] = [[] for _ in rows]
    eos = set(renderer.get_stop_sequences())

    def force(r: int, text: str) -> None:
        ids = [int(t) for t in tokenizer.encode(text, add_special_tokens=False)]
        tokens_R[r] += ids
        logprobs_R[r] += [0.0] * len(ids)
        sampled_R[r] += [False] * len(ids)

    def decode_round(round_: int, stop: list[str], max_tokens: int) -> list[str]:
        """One part of a pair for every row; a row whose part came out empty is sampled
        again (another seed, up to `RETRIES` times) before its tokens are kept."""
        texts = [""] * len(rows)
        pending = list(range(len(rows)))
        for attempt in range(RETRIES + 1):
            inputs = [types.ModelInput.from_ints([*prompts_C[rows[r][0]], *tokens_R[r]])
                      for r in pending]
            params = [types.SamplingParams(
                max_tokens=max_tokens, temperature=temperature,
                seed=row_seed(seed, r, round_ + attempt * 7_777), stop=stop) for r in pending]
            retry: list[int] = []
            for r, seq in zip(pending, sample_rows(client, inputs, params), strict=True):
                ids = [int(t) for t in seq.tokens]
                lps = [float(x) for x in (seq.logprobs or [0.0] * len(ids))]
                while ids and ids[-1] in eos:  # the turn's end is never part of an edit
                    ids.pop()
                    lps.pop()
                text = tokenizer.decode(ids)
                body = text.replace("A:", "") if "A:" in stop else text
                if not body.strip() and attempt < RETRIES:
                    retry.append(r)
                    continue
                tokens_R[r] += ids
                logprobs_R[r] += lps
                sampled_R[r] += [True] * len(ids)
                texts[r] = text
            pending = retry
            if not pending:
                break
        return texts

    for j in range(edit_format.pairs):
        for r, text in enumerate(decode_round(2 * j, ["A:", "\n"],
                                              edit_format.question_tokens)):
            if "A:" not in text:
                if text.endswith("\n"):
                    _drop_last(tokens_R[r], logprobs_R[r], sampled_R[r])
                force(r, ANSWER_MARK)
        last = j == edit_format.pairs - 1
        for r, text in enumerate(decode_round(2 * j + 1, ["\n"], edit_format.answer_tokens)):
            if last:
                continue
            if not text.endswith("\n"):
                force(r, "\n")
            force(r, QUESTION_PREFILL)

    groups: list[list[Rollout]] = [[] for _ in chapters_C]
    for r, (c, _) in enumerate(rows):
        text = QUESTION_PREFILL + tokenizer.decode(tokens_R[r])
        groups[c].append(Rollout(tuple(prompts_C[c]), tuple(tokens_R[r]),
                                 tuple(logprobs_R[r]), text.rstrip(), tuple(sampled_R[r])))
    return groups


def _drop_last(*lists: list[Any]) -> None:
    for values in lists:
        values.pop()


def parse_pairs(text: str) -> list[tuple[str, str]]:
    r"""Q/A pairs of a written self-edit, one per line, with non-empty question and answer.

    >>> parse_pairs("Q: What is bepam? A: cat\nnoise\nq: Say 'dog'. a: kibo\nQ: A: x")
    [('What is bepam?', 'cat'), ("Say 'dog'.", 'kibo')]
    """
    pairs: list[tuple[str, str]] = []
    for line in text.split("\n"):  # not splitlines(): a sampled \r or \x0c is no new pair
        match = QA_RE.search(line)
        if match and match["q"].strip() and match["a"].strip() and not \
                match["q"].strip().upper().startswith("A:"):
            pairs.append((match["q"].strip(), match["a"].strip()))
    return pairs


def parse_rate(rollouts: Sequence[Rollout]) -> float:
    """Share of edits with at least one parseable pair (the format's guarantee, measured).

    >>> parse_rate([Rollout((1,), (2,), (0.0,), "Q: a? A: b"), Rollout((1,), (2,), (0.0,), "x")])
    0.5
    """
    if not rollouts:
        raise ValueError("parse_rate: no rollouts")
    return sum(bool(r.pairs) for r in rollouts) / len(rollouts)


def sft_datum(rollout: Rollout) -> types.Datum:
    """ReST-EM M-step datum: the prompt (weight 0) and the kept edit's tokens (weight 1)."""
    tokens_T = [*rollout.prompt_T, *rollout.tokens_T]
    weights_T = [0.0] * len(rollout.prompt_T) + [1.0] * len(rollout.tokens_T)
    return datum_from_tokens_weights(tokens_T, weights_T)


def pg_datum(rollout: Rollout, advantage: float) -> types.Datum:
    """Policy-gradient datum (`rl_datum`) whose advantage is kept only on the tokens the
    policy sampled: forced format tokens were not its choice, so they get 0."""
    datum = rl_datum(rollout.prompt_T, rollout.tokens_T, rollout.logprobs_T, advantage)
    if not rollout.sampled_T:
        return datum
    if len(rollout.sampled_T) != len(rollout.tokens_T):
        raise ValueError("rollout tokens and sampled mask differ in length")
    advantages_T = datum.loss_fn_inputs["advantages"].to_numpy().copy()
    advantages_T[len(rollout.prompt_T) - 1:] *= np.asarray(rollout.sampled_T, dtype=np.float32)
    datum.loss_fn_inputs["advantages"] = types.TensorData.from_numpy(advantages_T)
    return datum
