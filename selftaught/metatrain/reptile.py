"""Weight-space meta-learning: Reptile on the starting weights the ``lora`` learner studies from.

The question: can the *starting point* be trained so that the evaluated learner, with
its own unchanged study step and budget, gains more on books it has never seen?
Reptile (Nichol, Achiam & Schulman, 2018, "On First-Order Meta-Learning Algorithms")
answers it without second derivatives: run the inner learner on a task, then move the
meta-parameters a step toward the weights it adapted to,

    θ ← θ + ε_k · (θ'_task − θ),      ε_k = ε · (1 − k / K)   (linear annealing, as the paper)

Here θ is the base model's linear weights (attention and MLP of every layer), and the
inner learner is the evaluated one: a fresh ``lora`` `ModelLearner` with its default
`ModelLearnerConfig` (rank, learning rate, ``study_steps``, ``feedback_steps``, batch)
studies one chapter of a generated *training* book exactly as a study run does
(`selftaught.study.run.study_event`, then `practice_event` per exercise: answer, grade,
feedback). Its LoRA is ``θ'_task − θ``, densified (``scale · B A``) and added in place
with weight ε_k, so the next task starts from the moved weights. The result is an
ordinary model directory (`selftaught.metatrain.export`): the learner that is then
evaluated is unchanged, only its starting weights differ.

Not moved: ``lm_head``. With tied embeddings (SmolLM2) the learner's unembedding LoRA
cannot be added to the shared matrix without also changing the input embeddings, which
the adapted learner never did; an untied base moves it too.

Which books: generated books of several domains at *training* seeds only (``seed >=
TRAIN_SEED_MIN``); seeds below it are the evaluation books (``selftaught study``'s
``--seeds N`` = 0..N-1, the trainer's ``eval_seeds``) and dev seeds (`DEV_SEEDS`) are
for measuring, so `training_chapters` refuses both, and never reads a file: the
hand-written books are never trained on.

Resume: the step count and history live in the model directory's provenance, written
in the same atomic ``os.replace`` as the weights, so a run killed at any moment resumes
from the last saved step with weights and counter that agree. The task order is a
pure function of ``seed``, so the resumed run does what the uninterrupted one would.

Not done: CaMeLS-style learned per-token loss weights (a meta-model that weights the
study loss); only the starting weights are meta-learned here.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch

from selftaught.learners.protocol import default_grader
from selftaught.metatrain.config import LOOP_DOMAINS
from selftaught.metatrain.export import (
    EXPORT_META,
    base_state,
    export_model,
    read_provenance,
)
from selftaught.models.engine import lora_weights
from selftaught.models.host import get_host
from selftaught.models.worker import WORKER
from selftaught.study.run import practice_event, study_event
from selftaught.types import Chapter, Textbook

TRAIN_SEED_MIN = 100
"""Training books use seeds >= this; seeds below are evaluation books (never trained on)."""
DEV_SEEDS: tuple[int, ...] = tuple(range(900, 910))
"""Development books: measured on while tuning, never trained on."""
DEFAULT_DOMAINS: tuple[str, ...] = LOOP_DOMAINS
"""Training domains: ``arithmetic`` is left out as the held-out domain of the evaluation."""
ALGORITHM = "reptile"


StepLog = Callable[[int, dict[str, Any]], None]
"""``log(step, metrics)``: called after every meta-step (progress lines, tests)."""


class MetaDataError(ValueError):
    """Training material would include evaluation or development books."""


@dataclass(frozen=True)
class ChapterTask:
    """One inner task: chapter ``number`` of generated book ``domain``/``seed``."""

    domain: str
    seed: int
    number: int
    chapter: Chapter
    answer_format: str

    @property
    def label(self) -> str:
        return f"{self.domain}-s{self.seed}/c{self.number}"


def check_training_seeds(seeds: Sequence[int]) -> None:
    """Refuse evaluation seeds (< `TRAIN_SEED_MIN`) and dev seeds (`DEV_SEEDS`) for training."""
    bad = [s for s in seeds if s < TRAIN_SEED_MIN or s in DEV_SEEDS]
    if bad:
        raise MetaDataError(
            f"train_seeds {bad}: seeds below {TRAIN_SEED_MIN} are evaluation books and "
            f"{DEV_SEEDS[0]}..{DEV_SEEDS[-1]} are dev books; train on seeds >= "
            f"{TRAIN_SEED_MIN} outside the dev range")


def training_books(domains: Sequence[str], seeds: Sequence[int], chapters: int,
                   items: int) -> list[tuple[str, int, Textbook]]:
    """``(domain, seed, book)`` for every training domain × seed (generated, never a file)."""
    from selftaught.generators import generate

    check_training_seeds(seeds)
    return [(d, s, generate(d, seed=s, chapters=chapters, exercises=items, probes=items))
            for d in domains for s in seeds]


def training_chapters(domains: Sequence[str], seeds: Sequence[int], chapters: int,
                      items: int) -> list[ChapterTask]:
    """Every chapter of every training book, as inner tasks."""
    return [ChapterTask(d, s, i + 1, ch, book.answer_format)
            for d, s, book in training_books(domains, seeds, chapters, items)
            for i, ch in enumerate(book.chapters)]


def task_order(n_tasks: int, steps: int, seed: int) -> list[int]:
    """Task index of each meta-step: shuffled passes over all tasks, a function of ``seed``.

    >>> task_order(3, 5, 0) == task_order(3, 5, 0), sorted(task_order(3, 3, 1))
    (True, [0, 1, 2])
    """
    rng = random.Random(seed)
    order: list[int] = []
    while len(order) < steps:
        one_pass = list(range(n_tasks))
        rng.shuffle(one_pass)
        order += one_pass
    return order[:steps]


def study_task(learner: Any, task: ChapterTask) -> None:
    """The evaluated study step on one chapter: study it, then practise every exercise."""
    grade = default_grader()
    study_event(learner, task.chapter, task.number)
    for e, item in enumerate(task.chapter.exercises):
        practice_event(learner, item, task.number, e, grade)


def adapted_delta(learner: Any, include_head: bool) -> dict[str, torch.Tensor]:
    """``θ' − θ`` of a lora learner: its LoRA as dense ``scale · B A`` per base linear."""
    training = learner.lora.training

    def run() -> dict[str, torch.Tensor]:
        factors = lora_weights(training.host.peft, training.adapter, clone=False)
        return {name: (f.b @ f.a * f.scale).detach().clone() for name, f in factors.items()
                if include_head or name != "lm_head"}

    return WORKER.submit(run).result()


def move_toward(host: Any, delta: Mapping[str, torch.Tensor], weight: float) -> float:
    """θ ← θ + weight · delta, in place on the host's base linears; returns ‖weight · delta‖."""

    def run() -> float:
        total = 0.0
        for name, d in delta.items():
            module = host.loaded.model.get_submodule(name)
            target = getattr(module, "base_layer", module).weight
            step = d.to(target.device, target.dtype) * weight
            target.data.add_(step)
            total += float(step.pow(2).sum())
        return total ** 0.5

    return WORKER.submit(run).result()


def release(learner: Any) -> None:
    """Free the learner's LoRA adapter (the host keeps adapters until deleted)."""
    training = learner.lora.training
    WORKER.submit(lambda: training.host.delete_adapter(training.adapter)).result()


def reptile(
    base_model: str,
    out_dir: str | Path,
    *,
    meta_steps: int = 24,
    outer_lr: float = 0.5,
    domains: Sequence[str] = DEFAULT_DOMAINS,
    train_seeds: Sequence[int] = (100, 101, 102, 103),
    chapters: int = 2,
    items: int = 4,
    learner_options: Mapping[str, Any] | None = None,
    save_every: int = 4,
    seed: int = 0,
    service: Any = None,
    log: StepLog | None = None,
) -> Path:
    """Reptile over chapters of training books; returns the model directory ``out_dir/model``.

    ``learner_options``: `ModelLearnerConfig` fields of the inner learner (default: none,
    i.e. exactly the evaluated ``lora`` learner); whatever is set here must be set the
    same way when the result is evaluated. Resumes from ``out_dir/model`` if it holds
    an unfinished run with the same settings. ``log(step, metrics)`` is called per step.
    """
    from selftaught.learners.model import ModelLearner, ModelLearnerConfig

    if meta_steps < 1 or not 0 < outer_lr <= 1 or save_every < 1:
        raise ValueError(f"need meta_steps >= 1, 0 < outer_lr <= 1, save_every >= 1 (got "
                         f"{meta_steps}, {outer_lr}, {save_every})")
    settings = {"algorithm": ALGORITHM, "base": base_model, "meta_steps": meta_steps,
                "outer_lr": outer_lr, "domains": list(domains), "train_seeds": list(train_seeds),
                "chapters": chapters, "items": items, "seed": seed,
                "learner_options": dict(learner_options or {})}
    tasks = training_chapters(domains, train_seeds, chapters, items)
    order = task_order(len(tasks), meta_steps, seed)
    model_dir = Path(out_dir).expanduser().resolve() / "model"
    state = read_provenance(model_dir)
    if state.get("settings") != settings:
        if state:
            raise MetaDataError(f"{model_dir}: holds a run with other settings; pick another "
                                "output directory or delete it")
        export_model(base_model, model_dir, provenance={"settings": settings, "step": 0,
                                                        "history": []})
        state = read_provenance(model_dir)
    step, history = int(state["step"]), list(state["history"])
    if step >= meta_steps:  # finished: nothing to load
        return model_dir
    if service is None:
        from selftaught.models import ServiceClient

        service = ServiceClient(state_dir=Path(out_dir) / "checkpoints")
    # The working copy: this process's own model for the directory, moved in place.
    host = WORKER.submit(lambda: get_host(str(model_dir))).result()
    restore(host, model_dir)  # a retry in this process must not keep an unsaved step
    include_head = not bool(getattr(host.loaded.model.config, "tie_word_embeddings", False))
    config = ModelLearnerConfig(model=str(model_dir), **dict(learner_options or {}))
    while step < meta_steps:
        task = tasks[order[step]]
        learner = ModelLearner(kind="lora", seed=seed * 100_003 + step, config=config,
                               service=service, answer_format=task.answer_format)
        study_task(learner, task)                          # the inner loop: θ -> θ'
        delta = adapted_delta(learner, include_head)
        release(learner)
        epsilon = outer_lr * (1.0 - step / meta_steps)     # Reptile's linear annealing
        moved = move_toward(host, delta, epsilon)          # θ <- θ + ε (θ' - θ)
        step += 1
        metrics = {"step": step, "task": task.label, "epsilon": round(epsilon, 6),
                   "step_norm": moved, "cpu_seconds": learner.costs().cpu_seconds}
        history.append(metrics)
        if log is not None:
            log(step, metrics)
        if step % save_every == 0 or step == meta_steps:
            save(host, base_model, model_dir, {"settings": settings, "step": step,
                                               "history": history})
    return model_dir


def restore(host: Any, model_dir: Path) -> None:
    """Set the host's base weights to those saved in ``model_dir`` (tied copies skipped)."""
    from safetensors.torch import load_file

    weights_file = model_dir / "model.safetensors"
    if not weights_file.is_file():
        raise MetaDataError(f"{weights_file}: missing (a sharded or foreign directory?); "
                            f"resume needs the single-file export that {EXPORT_META} names")
    saved = load_file(str(weights_file))

    def run() -> None:
        for key, tensor in base_state(host.loaded.model).items():
            if key in saved:
                tensor.data.copy_(saved[key].to(tensor.device, tensor.dtype))

    WORKER.submit(run).result()


def save(host: Any, base_model: str, model_dir: Path, provenance: Mapping[str, Any]) -> Path:
    """Write the host's current base weights (θ) over ``model_dir``, atomically."""
    state = WORKER.submit(lambda: {k: v.detach().clone() for k, v in
                                   base_state(host.loaded.model).items()}).result()
    return export_model(base_model, model_dir, state=state, provenance=provenance)
