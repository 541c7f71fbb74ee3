"""The whole honest evaluation of a trained model, as one library call (`honest_evaluation`).

What it measures, each against the frozen base model with identical budgets:

1. **parse rate of the untrained policy** -- K edits per training chapter written by the
   base model in the guaranteed format (`write_edits`), share that parse;
2. **controlled gain on unseen books** -- `evaluate_model`: unseen seeds of the training
   domain, the held-out domain, the hand-written books; paired bootstrap CIs of the
   per-book difference (accuracy and answer log-prob), the ratio, the hand-written ratio;
3. **reward-to-evaluation agreement** -- `reward_agreement`: edits with their training
   reward (from the run's store when there is one, else scored here with the training
   seed), re-measured with the evaluation seed; Spearman rank correlation;
4. **general behaviour** -- `compare_behaviour` on the shipped ordinary questions.

Any algorithm's output can be evaluated: ``trained_model`` is a model directory.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from selftaught.metatrain.agreement import Agreement, reward_agreement
from selftaught.metatrain.behaviour import Behaviour, compare_behaviour
from selftaught.metatrain.config import (
    SELF_EDIT_ALGORITHMS,
    MetaTrainConfig,
    make_book,
    train_refs,
    writing_settings,
)
from selftaught.metatrain.evaluate import (
    BookFn,
    Comparison,
    StepFn,
    eval_books,
    evaluate_model,
)
from selftaught.metatrain.selfedit import ChapterTask, chapter_tasks, parse_rate, write_edits
from selftaught.metatrain.store import EditRecord, TrainStore
from selftaught.metatrain.trainer import STORE_FILE, inner_scorer
from selftaught.models import get_renderer
from selftaught.models.backend import sampling_tokenizer

EVAL_SEED_OFFSET = 1_000
"""The evaluation seed is the training seed + this (re-measured edits use other LoRA
initialisations and batches than the ones that gave their reward)."""


@dataclass(frozen=True)
class HonestEvaluation:
    parse_rate: float
    """Share of the untrained policy's edits that parse."""
    parse_samples: int
    comparison: Comparison
    agreement: Agreement | None
    behaviour: Behaviour

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def untrained_parse_rate(config: MetaTrainConfig, service: Any,
                         max_books: int | None = None) -> tuple[float, int]:
    """K guaranteed-format edits per training chapter (of the first ``max_books`` training
    books; None: all) from the base model; share that parse."""
    sampler = service.create_sampling_client(base_model=config.model).result()
    tokenizer = sampling_tokenizer(sampler)
    tasks = _train_tasks(config, max_books)
    writing = writing_settings(config)
    groups = write_edits(sampler, get_renderer(tokenizer), tokenizer,
                         [t.content for t in tasks], group_size=config.edits_per_chapter,
                         edit_format=writing.edit_format, temperature=writing.temperature,
                         seed=config.seed)
    flat = [r for g in groups for r in g]
    return parse_rate(flat), len(flat)


def agreement_edits(config: MetaTrainConfig, run_dir: Path | None, service: Any,
                    scratch: Path, n: int) -> list[tuple[ChapterTask, EditRecord]]:
    """Up to ``n`` edits with their training reward: from the run's first iteration when
    ``run_dir`` holds a training store, else written by the base model and scored here with
    the training seed (the same scorer training uses)."""
    tasks = {t.key: t for t in _train_tasks(config)}
    store_path = None if run_dir is None else run_dir / STORE_FILE
    if store_path is not None and store_path.exists():
        with TrainStore(store_path) as store:
            done = store.iterations()
            records = store.edits(done[0].iteration) if done else []
        chosen = _spread(records, n)
        return [(tasks[f"{r.book}/c{r.chapter}"], r) for r in chosen]
    sampler = service.create_sampling_client(base_model=config.model).result()
    tokenizer = sampling_tokenizer(sampler)
    writing = writing_settings(config)
    task_list = list(tasks.values())
    per_task = max(1, -(-n // len(task_list)))
    groups = write_edits(sampler, get_renderer(tokenizer), tokenizer,
                         [t.content for t in task_list], group_size=per_task,
                         edit_format=writing.edit_format, temperature=writing.temperature,
                         seed=config.seed + 1)
    scorer = inner_scorer(config, service, scratch)
    out: list[tuple[ChapterTask, EditRecord]] = []
    try:
        for task, group in zip(task_list, groups, strict=True):
            for k, (rollout, s) in enumerate(zip(group, scorer.score(task, group),
                                                 strict=True)):
                out.append((task, EditRecord(
                    book=task.book, chapter=task.chapter, k=k, reward=s.reward,
                    gain=s.breakdown.gain, forgetting=s.breakdown.forgetting,
                    n_pairs=s.n_pairs, tokens=len(rollout.tokens_T), kept=False,
                    text=rollout.text, dense_gain=s.dense.gain)))
    finally:
        scorer.close()
    return out[:n]


def measure_agreement(config: MetaTrainConfig, run_dir: Path | None, service: Any,
                      directory: Path, n: int) -> Agreement:
    """Reward-to-evaluation agreement of ``n`` of the run's edits (`agreement_edits`), each
    re-scored by a fresh inner scorer on evaluation seeds; scratch state under ``directory``."""
    edits = agreement_edits(config, run_dir, service, directory, n)
    scorer = inner_scorer(config, service, directory, seed=config.seed + EVAL_SEED_OFFSET)
    try:
        return reward_agreement(edits, scorer)
    finally:
        scorer.close()


def honest_evaluation(
    config: MetaTrainConfig, trained_model: str, directory: Path, *, service: Any,
    run_dir: Path | None = None, n_agreement: int = 12, on_step: StepFn | None = None,
    on_book: BookFn | None = None,
) -> HonestEvaluation:
    """Everything of the module docstring, written under ``directory``.

    For the algorithms that train no self-edit writer (``icl``, ``reptile``) the parse
    rate is measured on the first training book only: it is a property of the base
    model's writing, and their many training books would only multiply its cost.
    """
    directory.mkdir(parents=True, exist_ok=True)
    books = eval_books(config, trained_model)  # refused before any work if not disjoint
    rate, n_parsed = untrained_parse_rate(
        config, service, None if config.algorithm in SELF_EDIT_ALGORITHMS else 1)
    comparison = evaluate_model(config, trained_model, books, directory / "eval",
                                service=service, on_step=on_step, on_book=on_book)
    agreement = (measure_agreement(config, run_dir, service, directory, n_agreement)
                 if n_agreement >= 2 else None)
    behaviour = compare_behaviour(config.model, trained_model,
                                  answer_tokens=config.answer_tokens, service=service)
    return HonestEvaluation(rate, n_parsed, comparison, agreement, behaviour)


def _train_tasks(config: MetaTrainConfig, max_books: int | None = None) -> list[ChapterTask]:
    refs = train_refs(config)[:max_books]
    return chapter_tasks([make_book(config, r) for r in refs], [r.label for r in refs])


def _spread(records: list[EditRecord], n: int) -> list[EditRecord]:
    """``n`` records spread evenly over the list (all when there are fewer)."""
    if len(records) <= n:
        return records
    step = len(records) / n
    return [records[int(i * step)] for i in range(n)]
