"""In-context meta-learning (MetaICL-style): train the model to answer from its own notes.

The ``notes`` learner learns without changing weights: it keeps a chapter's sentences,
worked examples and every practised item with its answer, and puts the few most
relevant in the answering prompt. How much it gains therefore depends only on how well
the model *uses* notes in context, and that is a skill one can train across many books
(Min et al., 2022, "MetaICL: Learning to Learn In Context": fine-tune on many tasks
presented in context, so that new tasks are learnt in context at test time).

The loop, top to bottom:

1. **Episodes** (`collect_episodes`): a fresh ``notes`` `ModelLearner` on the base model
   goes through each generated *training* book as a study run does
   (`selftaught.study.run.study_event`, then `practice_event` per exercise). After each
   chapter c, for every probe of chapters 1..c, the notes and demonstrations it would
   recall (``learner.notes.recall``, ``recall_demos``) and the exact prompt it would answer in
   (``learner.answerer.prompt``) are kept with the reference answer. The prompts are the
   learner's own, built by its own code, so training and evaluation prompts match token
   for token. Only training-split seeds (`reptile.check_training_seeds`), never a file:
   neither evaluation/dev books nor the hand-written books are ever used.
2. **Training**: a LoRA on the base model, ``cross_entropy`` on the reference answer's
   tokens after the prefilled ``Answer:`` (plus end of turn) -- the negative of the
   notes learner's dense progress measure (``answer_logprob`` of a probe after study),
   so the loss *is* the (dense) reward. Plain AdamW, shuffled mini-batches.
3. **Export** (`selftaught.metatrain.export`): base + LoRA merged into ``out_dir/model``,
   which ``selftaught study BOOK -l notes -o model=DIR`` (or ``run --model DIR``) studies
   with, unchanged otherwise.

Resume: episodes are written once to ``episodes.json`` (atomically); the LoRA and its
optimizer are checkpointed with ``save_state`` every ``save_every`` steps, the step
number and history in the checkpoint's own metadata (one atomic write); the batch order
is a pure function of ``seed`` and the step, so a resumed run takes the same steps as an
uninterrupted one.
"""

from __future__ import annotations

import json
import logging
import random
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from tinker import types

from selftaught.fileio import write_text_atomic
from selftaught.learners.protocol import default_grader
from selftaught.metatrain.export import export_training_client, read_provenance
from selftaught.metatrain.reptile import DEFAULT_DOMAINS, StepLog, training_books
from selftaught.models import datum_from_tokens_weights
from selftaught.models.checkpoints import META_FILE
from selftaught.study.run import practice_event, study_event
from selftaught.types import Textbook

LOGGER = logging.getLogger(__name__)
ALGORITHM = "icl"
PREFILL = "Answer:"
"""The answering prefill of the model learner (`selftaught.learners.model.answering`)."""


@dataclass(frozen=True)
class Episode:
    """One training example: a probe asked in the notes learner's prompt after chapter c."""

    book: str
    after_chapter: int
    question: str
    notes: tuple[str, ...]
    reference: str
    answer_format: str
    demos: tuple[tuple[str, str], ...] = ()
    """Recalled demonstrations (question, answer), shown as earlier turns of the prompt."""


def book_episodes(learner: Any, book: Textbook) -> list[Episode]:
    """Run the notes ``learner`` through ``book`` like a study run; the probes' episodes."""
    grade = default_grader()
    out: list[Episode] = []
    for c, chapter in enumerate(book.chapters, start=1):
        study_event(learner, chapter, c)
        for e, item in enumerate(chapter.exercises):
            practice_event(learner, item, c, e, grade)
        for probe in (p for ch in book.chapters[:c] for p in ch.probes):
            count = learner.answerer.count_tokens
            notes = learner.notes.recall(probe.prompt, count)
            demos = learner.notes.recall_demos(probe.prompt, count)
            out.append(Episode(book.id, c, probe.prompt, tuple(notes), probe.answer.strip(),
                               book.answer_format, tuple((q, a) for q, a in demos)))
    return out


def collect_episodes(base_model: str, domains: Sequence[str], seeds: Sequence[int],
                     chapters: int, items: int, learner_options: Mapping[str, Any],
                     service: Any) -> list[Episode]:
    """Episodes of every training book, each from a fresh notes learner on the base."""
    from selftaught.learners.model import ModelLearner, ModelLearnerConfig

    config = ModelLearnerConfig(model=base_model, **dict(learner_options))
    episodes: list[Episode] = []
    books = training_books(domains, seeds, chapters, items)
    for n, (_, seed, book) in enumerate(books, start=1):
        learner = ModelLearner(kind="notes", seed=seed, config=config, service=service,
                               answer_format=book.answer_format)
        episodes += book_episodes(learner, book)
        LOGGER.info("episodes: book %d/%d (%s), %d episodes so far", n, len(books), book.id,
                    len(episodes))
    return episodes


def episode_datum(answerer: Any, stop_T: Sequence[int], episode: Episode) -> types.Datum:
    """The episode's prompt with ``Answer: <reference>`` + end of turn; loss on the answer.

    The answer tokens are counted as ``answer_logprobs`` counts them (the tokens the
    reference adds to the prefilled prompt), so the loss is exactly the negative dense
    measure the evaluation reads, plus the end of the turn.
    """
    base = answerer.prompt(episode.question, episode.notes, prefill=PREFILL,
                           demos=episode.demos).to_ints()
    full = answerer.prompt(episode.question, episode.notes, demos=episode.demos,
                           prefill=f"{PREFILL} {episode.reference}").to_ints() + list(stop_T[:1])
    n_answer = max(1, len(full) - len(base))
    weights_T = [0.0] * (len(full) - n_answer) + [1.0] * n_answer
    return datum_from_tokens_weights(full, weights_T)


def batch_order(n: int, batch_size: int, step: int, seed: int) -> list[int]:
    """Indices of step ``step``'s batch: shuffled passes over the ``n`` episodes.

    >>> batch_order(5, 2, 0, 0) == batch_order(5, 2, 0, 0), len(batch_order(5, 2, 3, 0))
    (True, 2)
    """
    per_pass = max(1, n // batch_size)
    one_pass = list(range(n))
    random.Random(seed * 1_000_003 + step // per_pass).shuffle(one_pass)
    start = (step % per_pass) * batch_size
    return one_pass[start:start + batch_size]


def incontext(
    base_model: str,
    out_dir: str | Path,
    *,
    steps: int = 60,
    learning_rate: float = 1e-4,
    rank: int = 16,
    batch_size: int = 8,
    domains: Sequence[str] = DEFAULT_DOMAINS,
    train_seeds: Sequence[int] = (100, 101, 102, 103),
    chapters: int = 2,
    items: int = 4,
    learner_options: Mapping[str, Any] | None = None,
    save_every: int = 10,
    seed: int = 0,
    service: Any = None,
    log: StepLog | None = None,
) -> Path:
    """MetaICL on notes-learner episodes of training books; returns ``out_dir/model``.

    ``learner_options``: `ModelLearnerConfig` fields of the notes learner that makes the
    episodes (default: none, the evaluated learner). ``log(step, metrics)`` per step.
    """
    if steps < 1 or batch_size < 1 or save_every < 1 or learning_rate <= 0:
        raise ValueError(f"need steps, batch_size, save_every >= 1 and learning_rate > 0 (got "
                         f"{steps}, {batch_size}, {save_every}, {learning_rate})")
    out = Path(out_dir).expanduser().resolve()
    settings = {"algorithm": ALGORITHM, "base": base_model, "steps": steps,
                "learning_rate": learning_rate, "rank": rank, "batch_size": batch_size,
                "domains": list(domains), "train_seeds": list(train_seeds), "chapters": chapters,
                "items": items, "learner_options": dict(learner_options or {}), "seed": seed}
    checkpoint = out / "lora"
    saved = read_step(checkpoint)
    if saved is not None and saved[0] != settings:
        raise ValueError(f"{checkpoint}: holds a run with other settings; pick another "
                         "output directory or delete it")
    if saved is not None and saved[1] >= steps and read_provenance(
            out / "model").get("settings") == settings:
        return out / "model"  # finished and exported: nothing to load
    if service is None:
        from selftaught.models import ServiceClient

        service = ServiceClient(state_dir=out / "checkpoints")
    episodes_file = out / "episodes.json"
    source = {k: settings[k] for k in ("base", "domains", "train_seeds", "chapters", "items",
                                       "learner_options")}
    if episodes_file.is_file():
        saved_episodes = json.loads(episodes_file.read_text("utf-8"))
        if saved_episodes["source"] != source:
            raise ValueError(f"{episodes_file}: episodes of other books or learner options; "
                             "pick another output directory or delete it")
        episodes = [Episode(**{**e, "notes": tuple(e["notes"]),
                               "demos": tuple(tuple(d) for d in e.get("demos", ()))})
                    for e in saved_episodes["episodes"]]
    else:
        episodes = collect_episodes(base_model, domains, train_seeds, chapters, items,
                                    learner_options or {}, service)
        write_text_atomic(episodes_file, json.dumps(
            {"source": source, "episodes": [asdict(e) for e in episodes]}, ensure_ascii=False))
    if not episodes:
        raise ValueError("no episodes: the training books have no probes")
    if saved is not None:
        training = service.create_training_client_from_state_with_optimizer(
            str(checkpoint)).result()
        step, history = saved[1], saved[2]
    else:
        training = service.create_lora_training_client(
            base_model=base_model, rank=rank, seed=seed, train_unembed=False).result()
        step, history = 0, []
    answerers = _answerers(training.get_tokenizer(), episodes)
    stop_T = _stop_tokens(training.get_tokenizer())
    while step < steps:
        batch = [episodes[i] for i in batch_order(len(episodes), batch_size, step, seed)]
        data = [episode_datum(answerers[e.answer_format], stop_T, e) for e in batch]
        result = training.forward_backward(data, "cross_entropy").result()
        training.optim_step(types.AdamParams(learning_rate=learning_rate)).result()
        step += 1
        n_tokens = float(sum(d.loss_fn_inputs["weights"].to_numpy().sum() for d in data))
        metrics = {"step": step, "loss_per_token": result.metrics["loss:sum"] / max(n_tokens, 1)}
        history.append(metrics)
        LOGGER.info("step %d/%d: loss per token %.4f", step, steps, metrics["loss_per_token"])
        if log is not None:
            log(step, metrics)
        if step % save_every == 0 or step == steps:
            # Step and history travel in the checkpoint's own metadata: one atomic write.
            training.save_state(str(checkpoint), overwrite=True, user_metadata={
                "settings": json.dumps(settings), "step": str(step),
                "history": json.dumps(history)}).result()
    return export_training_client(training, out / "model", {
        "settings": settings, "episodes": len(episodes), "history": history})


def read_step(checkpoint: Path) -> tuple[dict[str, Any], int, list[dict[str, Any]]] | None:
    """``(settings, step, history)`` saved with the LoRA checkpoint, or None if there is none."""
    meta_file = checkpoint / META_FILE
    if not meta_file.is_file():
        return None
    meta = json.loads(meta_file.read_text("utf-8")).get("user_metadata") or {}
    try:
        return (json.loads(meta["settings"]), int(meta["step"]), json.loads(meta["history"]))
    except (KeyError, ValueError) as exc:
        raise ValueError(f"{meta_file}: not an in-context meta-training checkpoint ({exc}); "
                         "pick another output directory") from exc


def _answerers(tokenizer: Any, episodes: Sequence[Episode]) -> dict[str, Any]:
    """One `Answerer` per answer convention, built as the notes learner builds its own."""
    from selftaught.learners.model import Answerer, ModelLearnerConfig
    from selftaught.models import get_renderer

    config = ModelLearnerConfig()
    renderer = get_renderer(tokenizer)
    return {fmt: Answerer(renderer, tokenizer, fmt, line_tokens=config.max_answer_tokens,
                          code_tokens=config.max_code_tokens)
            for fmt in {e.answer_format for e in episodes}}


def _stop_tokens(tokenizer: Any) -> list[int]:
    from selftaught.models import get_renderer

    return list(get_renderer(tokenizer).get_stop_sequences())
