"""Warm start: teach the policy the self-edit FORMAT before the progress reward takes over.

Why: ReST-EM and policy gradient can only reinforce what the policy already
writes sometimes. SmolLM2-135M, asked for ``Q: ... A: ...`` lines, wrote a
parseable pair in 0 of 24 samples at temperature 1 (and at 0.3) and 2 of 24 at 0.7
(echoing the request's own ``Q: <question> A: <answer>`` template), so every edit applies
nothing, every reward is exactly 0, ReST-EM keeps nothing and every policy-gradient
group lacks spread: meta-training never starts. SEAL starts from 7B models that
follow the format.

The warm start is behaviour cloning on demonstrations built from the TRAINING
chapters by the learner's own flashcard heuristic (`selftaught.learners.flashcards`:
glossary lines turned into questions, both directions): ``warm_start_steps``
cross-entropy steps on (chapter prompt -> those Q/A lines). Its checkpoint is stored
as iteration 0, so its effect can be evaluated on its own (``--eval-iteration 0``)
and separated from what the progress reward adds. Off by default (SEAL-pure).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tinker import types

from selftaught.learners import flashcards
from selftaught.metatrain.config import MetaTrainConfig
from selftaught.metatrain.selfedit import ChapterTask, write_request
from selftaught.models import Message, Renderer


def demonstration(task: ChapterTask, max_pairs: int) -> str:
    """The flashcard Q/A lines of a chapter's glossary ('' when it has none)."""
    runs = flashcards.glossary(task.content.exposition)
    cards = flashcards.cards(flashcards.glossary_pairs(runs), {}, flashcards.word_sides(runs))
    return "\n".join(f"Q: {q} A: {a}" for q, a in cards[:max_pairs])


def warm_start(
    policy: Any, renderer: Renderer, tasks_C: Sequence[ChapterTask], config: MetaTrainConfig
) -> dict[str, float]:
    """``config.warm_start_steps`` full-batch SFT steps on the demonstrations; its metrics.

    The prompt is the learner's own request, rendered as `policy_prompt` renders it.
    """
    data = [
        renderer.build_supervised_datum([
            Message(role="user", content=write_request(task.content, config.memory)),
            Message(role="assistant", content=text),
        ])
        for task in tasks_C
        if (text := demonstration(task, config.max_pairs))
    ]
    loss = 0.0
    for _ in range(config.warm_start_steps if data else 0):
        out = policy.forward_backward(data, "cross_entropy").result()
        policy.optim_step(types.AdamParams(learning_rate=config.sft_lr)).result()
        loss = float(out.metrics["loss:sum"])
    n_tokens = float(sum(d.loss_fn_inputs["weights"].to_numpy().sum() for d in data))
    return {
        "warm_start/demonstrations": float(len(data)),
        "warm_start/loss_per_token": loss / n_tokens if n_tokens else 0.0,
    }
