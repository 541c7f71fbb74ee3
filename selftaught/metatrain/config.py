"""`MetaTrainConfig`: everything `selftaught train` does, as one typed dataclass.

Why one frozen dataclass: the config is stored with the run and compared field by
field on ``--resume`` (a run resumed with other settings would silently mix two
experiments), the CLI sets its fields by name (``--set iterations=4``), and every
default names the practice it comes from:

* SEAL (Zweiger et al., 2025, "Self-Adapting Language Models"): the policy writes
  self-edits (synthetic training data) for a passage; each is applied with an inner
  LoRA update and scored on questions about the passage; ReST-EM keeps the edits
  that improved the score and fine-tunes the policy on them. SEAL samples 5
  self-edits per passage and runs 2 ReST-EM rounds for knowledge incorporation.
* ReST-EM (Singh et al., 2023): E-step = sample and filter by a binary/positive
  reward, M-step = supervised fine-tuning on the kept samples, a few iterations.
* GRPO (Shao et al., 2024) as done in the Tinker cookbook's ``rl_loop.py``: groups of
  samples per prompt, advantage = reward − group mean (groups without spread are
  skipped), ``importance_sampling`` loss, one ``optim_step`` per batch, LoRA learning
  rate 4e-5, temperature 1.

The books are split so the evaluation is honest: training books (``train_seeds`` in
``train_domain``), validation books (``val_seeds``, logged only, never used to select
or train) and evaluation books (``eval_seeds`` in ``train_domain`` *and* in the
held-out ``eval_domain``) are pairwise disjoint; `check_disjoint` asserts it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from typing import TYPE_CHECKING, Any, Literal, get_args

from selftaught import limits
from selftaught.metrics.reward import RewardConfig
from selftaught.models import DEFAULT_MODEL
from selftaught.types import Textbook

if TYPE_CHECKING:
    from selftaught.learners.model import ModelLearnerConfig
    from selftaught.metatrain.learner import WritingSettings

PGLoss = Literal["importance_sampling", "ppo"]
RewardMeasure = Literal["accuracy", "answer_logprob"]
"""Per-probe score an edit's reward compares: graded correctness, or the reference answer's
mean log-probability per token (dense)."""
REWARD_MEASURES: tuple[str, ...] = get_args(RewardMeasure)
ALGORITHMS: tuple[str, ...] = ("rest-em", "pg", "icl", "reptile")
"""Names of `selftaught.metatrain.algorithms.REGISTRY` (kept here, import-free, so a config
is checked without importing the trainers; a test asserts the two agree)."""
SELF_EDIT_ALGORITHMS: tuple[str, ...] = ("rest-em", "pg")
"""The algorithms that train a writer of self-edits with the outer loop of `trainer.train`
(iterations, checkpoints in ``train.sqlite``); the others write ``<run dir>/model`` directly."""
EVALUATED_KIND: dict[str, str] = {"rest-em": "self-edit", "pg": "self-edit", "icl": "notes",
                                  "reptile": "lora"}
"""The learner each algorithm's model is evaluated with (and meta-trained for): self-edits
are written and studied by the ``self-edit`` learner, MetaICL trains answering from the
``notes`` learner's notes, Reptile the starting weights of the ``lora`` learner."""


LOOP_DOMAINS: tuple[str, ...] = ("language", "discovery")
"""Training domains of the weight/in-context loops (``icl``, ``reptile``) besides
``train_domain``: ``arithmetic`` is left out as the held-out domain of the evaluation."""


class ConfigError(ValueError):
    """A `MetaTrainConfig` field is invalid; the message names the field and the fix."""


@dataclass(frozen=True)
class MetaTrainConfig:
    """How `selftaught train` meta-trains a self-edit policy and evaluates it.

    The config builds components (`learner_settings`, `edit_format`, `writing`); the loops
    and the inner loop take those few values, never this whole dataclass.
    """

    algorithm: str = "rest-em"
    """Outer loop: ``rest-em`` (SEAL) or ``pg`` (group policy gradient, GRPO-style)."""
    model: str = DEFAULT_MODEL
    """Base model of the policy, of the inner loop and of the evaluated learners."""
    iterations: int = 2
    """Outer iterations (SEAL: 2 ReST-EM rounds)."""
    edits_per_chapter: int = 8
    """K, the group size: self-edits sampled per training chapter (SEAL: 5; >= 8 so a
    group has spread for policy gradient and a best-of-K worth keeping)."""
    train_domain: str = "language"
    """Generator domain of the training books."""
    train_seeds: tuple[int, ...] = (100, 101)
    """Seeds of the training books (their probes score the self-edits)."""
    val_seeds: tuple[int, ...] = ()
    """Seeds of validation books in ``train_domain``: one edit per chapter is scored
    every iteration and logged as ``val/*``; never used to select or train."""
    eval_seeds: tuple[int, ...] = (0, 1, 2)
    """Seeds of the evaluation books, generated in ``train_domain`` and in ``eval_domain``."""
    eval_domain: str = "arithmetic"
    """The held-out domain: no book of it is ever seen in training."""
    eval_books: tuple[str, ...] = ()
    """Hand-written textbook files also evaluated on (e.g. ``examples/textbooks/*.md``)."""
    chapters: int = 2
    """Chapters per book (hand-written books: their first ``chapters``)."""
    items: int = 4
    """Exercises and probes per chapter of a generated book."""
    pairs: int = 4
    """Q/A pairs per self-edit (the guaranteed format writes exactly this many)."""
    question_tokens: int = 32
    """Most tokens of one written question."""
    edit_answer_tokens: int = 16
    """Most tokens of one written answer."""
    temperature: float = 1.0
    """Sampling temperature of the self-edits, in training and in the evaluated learner
    (GRPO/rl_loop: 1.0; the sampler's logprobs are exact for importance ratios only at 1)."""
    study_steps: int = 4
    """The learner (inner loop and evaluation): LoRA steps after studying a chapter."""
    feedback_steps: int = 1
    """The learner: LoRA steps after each practice exercise's feedback."""
    batch_size: int = 8
    """The learner: sequences per LoRA step."""
    lora_rank: int = 16
    """The learner's LoRA rank (the lora learner's default)."""
    lora_lr: float = 1e-3
    """The learner's LoRA learning rate (the lora learner's default)."""
    answer_tokens: int = 48
    """The learner: most tokens of a one-line answer."""
    policy_rank: int = 16
    """LoRA rank of the policy."""
    sft_lr: float = 1e-4
    """ReST-EM M-step learning rate (LoRA SFT)."""
    sft_steps: int = 4
    """ReST-EM M-step: AdamW steps on the kept (chapter -> best edit) pairs, full batch."""
    pg_lr: float = 4e-5
    """Policy-gradient learning rate (Tinker cookbook rl_loop, LoRA)."""
    pg_loss: PGLoss = "importance_sampling"
    """Policy-gradient loss: ``importance_sampling`` (rl_loop) or ``ppo`` (clipped, eps 0.2)."""
    reward: RewardConfig = field(default_factory=RewardConfig)
    """Weights of the progress reward's penalties (forgetting, duct tape, length)."""
    reward_measure: RewardMeasure = "answer_logprob"
    """Per-probe score the training reward compares with/without the edit: ``accuracy``
    (graded 0/1, as SEAL) or ``answer_logprob`` (dense: with 4 probes a chapter, accuracy
    moves in steps of 0.25 and is mostly 0). Both are always recorded."""
    meta_steps: int = 20
    """``icl``: LoRA steps on the notes learner's episodes; ``reptile``: meta-steps (one
    training chapter studied, then the starting weights moved toward the result)."""
    seed: int = 0
    """Seed of every random choice (policy init, sampling, learner)."""

    def __post_init__(self) -> None:
        _check_types(self)
        _check_bounds(self)
        _check_choice("algorithm", self.algorithm, ALGORITHMS)
        _check_choice("reward_measure", self.reward_measure, REWARD_MEASURES)
        _check_choice("pg_loss", self.pg_loss, get_args(PGLoss))
        for name in ("iterations", "meta_steps", "edits_per_chapter", "chapters", "items", "pairs",
                     "question_tokens", "edit_answer_tokens", "batch_size", "lora_rank",
                     "answer_tokens", "policy_rank"):
            if getattr(self, name) < 1:
                raise ConfigError(f"{name}: must be >= 1, got {getattr(self, name)}")
        for name in ("study_steps", "feedback_steps", "sft_steps"):
            if getattr(self, name) < 0:
                raise ConfigError(f"{name}: must be >= 0, got {getattr(self, name)}")
        for name in ("lora_lr", "sft_lr", "pg_lr", "temperature"):
            if not getattr(self, name) > 0:
                raise ConfigError(f"{name}: must be > 0, got {getattr(self, name)}")
        from selftaught.generators import DOMAINS

        for name in ("train_domain", "eval_domain"):
            _check_choice(name, getattr(self, name), tuple(sorted(DOMAINS)))
        if not self.train_seeds:
            raise ConfigError("train_seeds: give at least one training book seed")
        if not self.eval_seeds:
            raise ConfigError("eval_seeds: give at least one evaluation book seed")
        if self.eval_domain == self.train_domain:
            raise ConfigError(
                f"eval_domain: must differ from train_domain ({self.train_domain!r}); "
                "it is the held-out domain"
            )
        for a, b in (("train_seeds", "eval_seeds"), ("train_seeds", "val_seeds"),
                     ("val_seeds", "eval_seeds")):
            shared = set(getattr(self, a)) & set(getattr(self, b))
            if shared:
                raise ConfigError(
                    f"{a} and {b} share seeds {sorted(shared)}; training, validation and "
                    "evaluation books must be disjoint"
                )

    @classmethod
    def quick(cls, **overrides: Any) -> MetaTrainConfig:
        """The ``--quick`` preset: tiny settings for smoke tests (the model is kept)."""
        defaults: dict[str, Any] = {
            "iterations": 2, "meta_steps": 2, "edits_per_chapter": 2, "train_seeds": (100,),
            "eval_seeds": (0,),
            "chapters": 1, "items": 2, "pairs": 2, "question_tokens": 8,
            "edit_answer_tokens": 4, "study_steps": 1, "feedback_steps": 0, "batch_size": 2,
            "lora_rank": 2, "policy_rank": 2, "answer_tokens": 4, "sft_steps": 1,
        }
        return cls(**{**defaults, **overrides})

    def to_json(self) -> str:
        """Canonical JSON (sorted keys; tuples as lists): what the run stores and compares."""
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> MetaTrainConfig:
        """Inverse of `to_json`."""
        raw = json.loads(text)
        return cls.from_dict(raw)

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> MetaTrainConfig:
        """Build from plain values (lists for tuples, a dict for ``reward``)."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(raw) - known)
        if unknown:
            raise ConfigError(
                f"unknown field(s) {', '.join(unknown)} (known: {', '.join(sorted(known))})"
            )
        values = dict(raw)
        for name in ("train_seeds", "val_seeds", "eval_seeds"):
            if name in values:
                values[name] = _seed_tuple(name, values[name])
        if "eval_books" in values:
            values["eval_books"] = _text_tuple("eval_books", values["eval_books"])
        if isinstance(values.get("reward"), dict):
            try:
                values["reward"] = RewardConfig(**values["reward"])
            except TypeError as error:  # an unknown reward.* field
                raise ConfigError(f"reward: {error} (known: "
                                  f"{', '.join(f.name for f in fields(RewardConfig))})") from None
            except ValueError as error:
                raise ConfigError(f"reward: {error}") from None
        return cls(**values)

    def with_overrides(self, overrides: dict[str, Any]) -> MetaTrainConfig:
        """A copy with fields replaced by name (``reward.forgetting_weight`` for nested)."""
        top: dict[str, Any] = {}
        reward: dict[str, Any] = {}
        for key, value in overrides.items():
            if key.startswith("reward."):
                reward[key.removeprefix("reward.")] = value
            else:
                top[key] = value
        merged = {**json.loads(self.to_json()), **top}
        if reward:
            merged["reward"] = {**merged["reward"], **reward}
        return MetaTrainConfig.from_dict(merged)

    def changed_fields(self, other: MetaTrainConfig) -> list[str]:
        """``field: old -> new`` for every field that differs (for the resume error)."""
        mine, theirs = json.loads(self.to_json()), json.loads(other.to_json())
        return [f"{k}: {mine[k]!r} -> {theirs[k]!r}" for k in mine if mine[k] != theirs[k]]


SEED_FIELDS = ("train_seeds", "val_seeds", "eval_seeds")

BOUNDS: dict[str, int] = {
    "iterations": limits.MAX_STEPS, "edits_per_chapter": limits.MAX_EDITS_PER_CHAPTER,
    "chapters": limits.MAX_CHAPTERS, "items": limits.MAX_ITEMS, "pairs": limits.MAX_ITEMS,
    "question_tokens": limits.MAX_TOKENS, "edit_answer_tokens": limits.MAX_TOKENS,
    "answer_tokens": limits.MAX_TOKENS, "study_steps": limits.MAX_STEPS,
    "feedback_steps": limits.MAX_STEPS, "sft_steps": limits.MAX_STEPS,
    "batch_size": limits.MAX_ITEMS, "lora_rank": 4096, "policy_rank": 4096,
}
"""Largest value of each size field (`selftaught.limits`): a typo must not exhaust memory."""


def _text_tuple(name: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{name}: expected a list of file paths, got {value!r}")
    return tuple(value)


def _seed_tuple(name: str, value: Any) -> tuple[int, ...]:
    """A seed list from JSON: a list of whole numbers, at most `limits.MAX_SEEDS` of them."""
    if not isinstance(value, list | tuple) or not all(
        isinstance(s, int) and not isinstance(s, bool) for s in value
    ):
        raise ConfigError(f"{name}: expected a list of whole numbers, got {value!r} "
                          f"(e.g. --set {name}=[1,2])")
    if len(value) > limits.MAX_SEEDS:
        raise ConfigError(f"{name}: {len(value)} seeds, at most {limits.MAX_SEEDS} allowed")
    return tuple(value)


def _check_types(config: MetaTrainConfig) -> None:
    """Every field holds a value of its declared kind (``--set`` reads VALUE as JSON, so
    ``iterations="3"`` or ``train_seeds=5`` would otherwise fail deep inside training)."""
    for f in fields(config):
        value, default = getattr(config, f.name), f.default
        if f.name in SEED_FIELDS:
            _seed_tuple(f.name, list(value) if isinstance(value, tuple) else value)
        elif f.name == "reward":
            if not isinstance(value, RewardConfig):
                raise ConfigError(f"reward: expected a mapping of weights, got {value!r}")
        elif isinstance(default, bool):
            if not isinstance(value, bool):
                raise ConfigError(f"{f.name}: expected true or false, got {value!r}")
        elif isinstance(default, int):
            if isinstance(value, bool) or not isinstance(value, int):
                raise ConfigError(f"{f.name}: expected a whole number, got {value!r}")
        elif isinstance(default, float):
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ConfigError(f"{f.name}: expected a number, got {value!r}")
        elif isinstance(default, str) and not isinstance(value, str):
            raise ConfigError(f"{f.name}: expected text, got {value!r}")


def _check_bounds(config: MetaTrainConfig) -> None:
    for name, bound in BOUNDS.items():
        if getattr(config, name) > bound:
            raise ConfigError(f"{name}: {getattr(config, name)} is over the limit of {bound}")


def _check_choice(name: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise ConfigError(f"{name}: unknown {value!r} (expected one of: {', '.join(allowed)})")


@dataclass(frozen=True)
class BookRef:
    """Which generated book: its domain and seed (the book itself is regenerated on demand)."""

    domain: str
    seed: int

    @property
    def label(self) -> str:
        return f"{self.domain}-s{self.seed}"


def train_refs(config: MetaTrainConfig) -> list[BookRef]:
    """The training books."""
    return [BookRef(config.train_domain, s) for s in config.train_seeds]


def training_domains(config: MetaTrainConfig) -> tuple[str, ...]:
    """Every domain ``config.algorithm`` trains on: ``train_domain`` for the self-edit
    algorithms; with `LOOP_DOMAINS` for ``icl`` and ``reptile``; never ``eval_domain``."""
    if config.algorithm in SELF_EDIT_ALGORITHMS:
        return (config.train_domain,)
    domains = dict.fromkeys((config.train_domain, *LOOP_DOMAINS))
    return tuple(d for d in domains if d != config.eval_domain)


def trained_refs(config: MetaTrainConfig) -> list[BookRef]:
    """Every book ``config.algorithm`` trains on (`training_domains` × ``train_seeds``):
    what the evaluation books must be disjoint from."""
    return [BookRef(d, s) for d in training_domains(config) for s in config.train_seeds]


def val_refs(config: MetaTrainConfig) -> list[BookRef]:
    """The validation books (logged only)."""
    return [BookRef(config.train_domain, s) for s in config.val_seeds]


def eval_refs(config: MetaTrainConfig) -> list[BookRef]:
    """The evaluation books: unseen seeds of the training domain, then the held-out domain."""
    return [BookRef(d, s) for d in (config.train_domain, config.eval_domain)
            for s in config.eval_seeds]


def make_book(config: MetaTrainConfig, ref: BookRef) -> Textbook:
    """Generate the book ``ref`` with the config's chapters and items per chapter."""
    from selftaught.generators import generate

    return generate(ref.domain, seed=ref.seed, chapters=config.chapters,
                    exercises=config.items, probes=config.items)


def provenance_books(settings: dict[str, Any]) -> tuple[tuple[str, ...], list[Textbook]]:
    """``(domains, books)`` a model was trained on, from its export provenance's settings
    (``domains``, ``train_seeds``, ``chapters``, ``items``: what ``icl`` and ``reptile``
    record); ``((), [])`` when the settings name no generated books."""
    from selftaught.generators import generate

    if not {"domains", "train_seeds", "chapters", "items"} <= set(settings):
        return (), []
    domains = tuple(settings["domains"])
    return domains, [generate(d, seed=s, chapters=settings["chapters"],
                              exercises=settings["items"], probes=settings["items"])
                     for d in domains for s in settings["train_seeds"]]


def check_disjoint(train_B: list[Textbook], eval_B: list[Textbook]) -> None:
    """Raise `ConfigError` if an evaluation book shares an id, content or probe with training.

    Probes are compared by prompt text: an evaluation probe that also appears in a
    training book could have been optimised for.
    """
    from selftaught.study import book_hash

    train_ids = {b.id for b in train_B}
    train_hashes = {book_hash(b) for b in train_B}
    train_probes = {p.prompt for b in train_B for c in b.chapters for p in c.probes}
    for book in eval_B:
        if book.id in train_ids or book_hash(book) in train_hashes:
            raise ConfigError(f"evaluation book {book.id!r} is also a training book")
        shared = [p.prompt for c in book.chapters for p in c.probes if p.prompt in train_probes]
        if shared:
            raise ConfigError(
                f"evaluation book {book.id!r} shares {len(shared)} probe(s) with the training "
                f"books (e.g. {shared[0]!r}); choose other eval_seeds"
            )


def learner_settings(config: MetaTrainConfig, model: str | None = None) -> ModelLearnerConfig:
    """The one learner config of the inner loop and of every evaluated learner."""
    from selftaught.metatrain.learner import learner_config

    return learner_config(
        model or config.model, study_steps=config.study_steps,
        feedback_steps=config.feedback_steps, batch_size=config.batch_size,
        rank=config.lora_rank, learning_rate=config.lora_lr, answer_tokens=config.answer_tokens)


def writing_settings(config: MetaTrainConfig) -> WritingSettings:
    """How edits are written: the format and the temperature (training and evaluation)."""
    from selftaught.metatrain.learner import WritingSettings
    from selftaught.metatrain.selfedit import EditFormat

    return WritingSettings(
        EditFormat(pairs=config.pairs, question_tokens=config.question_tokens,
                   answer_tokens=config.edit_answer_tokens), config.temperature)
