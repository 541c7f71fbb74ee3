"""Textbooks as tinker-cookbook RL environments: an episode studies one chapter.

Why an adapter and not a recipe: cookbook users already have a training loop
(``tinker_cookbook.rl.train``) and only need a dataset builder to point it at. This
module gives the cookbook's three types over a selftaught textbook:

* `TextbookEnv` (an ``Env``): one `ChapterEpisode` -- pre-test, exposition and
  practice with feedback, post-test -- rendered with the run's renderer, one question
  per turn; the conversation grows turn by turn, so the learner studies in context.
* `ChapterGroupBuilder` (an ``EnvGroupBuilder``): ``group_size`` episodes of one
  chapter, the group GRPO centres rewards over.
* `TextbookDatasetBuilder` (an ``RLDatasetBuilder``, a ``chz`` config): a book file ->
  batches of chapters, ``epochs`` times; an optional held-out book for the test set.

Rewards are `selftaught.envs.chapter`'s: each answer's checker grade and, on the last
answer, the progress reward with the duct-tape penalty. Per-episode metrics
(``pre_accuracy``, ``post_accuracy``, ``gain``, ``duct_tape_rate``, ...) go on the last
transition, so ``rl/train.py`` logs them under ``env/all/...``.

    from tinker_cookbook.rl import train
    from selftaught.envs.cookbook import TextbookDatasetBuilder

    builder = TextbookDatasetBuilder(book="book.yaml", model_name_for_tokenizer=MODEL,
                                     renderer_name="llama3", batch_size=2, group_size=4)
    asyncio.run(train.main(train.Config(dataset_builder=builder, ...)))
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import chz
import tinker
from tinker_cookbook import renderers
from tinker_cookbook.completers import StopCondition
from tinker_cookbook.rl.types import (
    Action,
    ActionExtra,
    Env,
    EnvGroupBuilder,
    Observation,
    RLDataset,
    RLDatasetBuilder,
    StepResult,
    StopReason,
)
from tinker_cookbook.tokenizer_utils import get_tokenizer

from selftaught.envs.chapter import ChapterEpisode, EpisodeConfig
from selftaught.metrics.reward import RewardConfig
from selftaught.textbook import load_textbook
from selftaught.types import Textbook


class TextbookEnv(Env):
    """One chapter episode as a token-level cookbook environment."""

    def __init__(self, episode: ChapterEpisode, renderer: renderers.Renderer) -> None:
        self.episode = episode
        self.renderer = renderer
        self.messages: list[renderers.Message] = []

    @property
    def stop_condition(self) -> StopCondition:
        return self.renderer.get_stop_sequences()

    async def initial_observation(self) -> tuple[Observation, StopCondition]:
        self.messages = [{"role": "user", "content": self.episode.first_message()}]
        return self.renderer.build_generation_prompt(self.messages), self.stop_condition

    async def step(self, action: Action, *, extra: ActionExtra | None = None) -> StepResult:
        message, _termination = self.renderer.parse_response(action)
        reply = renderers.get_text_content(message)
        # Grading may run a sandboxed test suite (python-tests): keep the event loop free.
        outcome = await asyncio.to_thread(self.episode.answer, reply)
        self.messages.append({"role": "assistant", "content": reply})
        metrics: dict[str, float | int] = {"score": outcome.grade.score}
        if outcome.done:
            metrics.update(outcome.metrics)
            metrics[f"stop/{StopReason.COMPLETED}"] = 1.0
            observation = tinker.ModelInput.empty()
        else:
            assert outcome.next_message is not None
            self.messages.append({"role": "user", "content": outcome.next_message})
            observation = self.renderer.build_generation_prompt(self.messages)
        return StepResult(
            reward=outcome.reward,
            episode_done=outcome.done,
            next_observation=observation,
            next_stop_condition=self.stop_condition,
            metrics=metrics,
            logs={"item": self.episode.turns[self.episode.position - 1][1].id,
                  "extracted": outcome.grade.extracted or ""},
        )


@dataclass(frozen=True)
class ChapterGroupBuilder(EnvGroupBuilder):
    """``group_size`` episodes of chapter ``c`` (picklable: the renderer is built late)."""

    book: Textbook
    c: int
    """1-based chapter number."""
    group_size: int
    model_name_for_tokenizer: str
    renderer_name: str
    config: EpisodeConfig = field(default_factory=EpisodeConfig)

    async def make_envs(self) -> Sequence[Env]:
        renderer = renderers.get_renderer(
            self.renderer_name, get_tokenizer(self.model_name_for_tokenizer)
        )
        return [TextbookEnv(ChapterEpisode(self.book, self.c, self.config), renderer)
                for _ in range(self.group_size)]

    def logging_tags(self) -> list[str]:
        return ["selftaught", self.book.id]


class TextbookDataset(RLDataset):
    """Batches of chapter groups: ``batch_size`` chapters a batch, in book order, repeated."""

    def __init__(self, builders: Sequence[ChapterGroupBuilder], batch_size: int,
                 epochs: int = 1) -> None:
        if batch_size < 1 or epochs < 1:
            raise ValueError(f"batch_size and epochs must be >= 1, got {batch_size}, {epochs}")
        self.builders, self.batch_size, self.epochs = list(builders), batch_size, epochs

    def get_batch(self, index: int) -> Sequence[EnvGroupBuilder]:
        if not 0 <= index < len(self):
            raise IndexError(f"batch {index} out of range 0..{len(self) - 1}")
        start = index * self.batch_size
        n = len(self.builders)
        return [self.builders[k % n] for k in range(start, start + self.batch_size)]

    def __len__(self) -> int:
        return math.ceil(len(self.builders) * self.epochs / self.batch_size)


def chapter_groups(book: Textbook, *, group_size: int, model_name_for_tokenizer: str,
                   renderer_name: str, config: EpisodeConfig) -> list[ChapterGroupBuilder]:
    """One group builder per chapter of ``book``."""
    return [ChapterGroupBuilder(book, c, group_size, model_name_for_tokenizer, renderer_name,
                                config) for c in range(1, len(book.chapters) + 1)]


@chz.chz
class TextbookDatasetBuilder(RLDatasetBuilder):
    """A selftaught textbook file as a cookbook RL dataset (one group per chapter)."""

    book: str
    """Path of the textbook (YAML, JSON or Markdown; see docs/textbooks.md)."""
    model_name_for_tokenizer: str
    renderer_name: str
    batch_size: int = 1
    """Chapters (groups) per batch."""
    group_size: int = 4
    """Episodes per chapter in a batch (GRPO centres over them)."""
    epochs: int = 1
    test_book: str | None = None
    """Optional held-out book: one group of ``group_size`` per chapter, for evaluation."""
    pretest: bool = True
    practice_weight: float = 1.0
    duct_tape_weight: float = RewardConfig().duct_tape_weight
    max_exercises: int | None = None
    max_probes: int | None = None

    def episode_config(self) -> EpisodeConfig:
        return EpisodeConfig(
            pretest=self.pretest, practice_weight=self.practice_weight,
            reward=RewardConfig.with_duct_tape_penalty(self.duct_tape_weight),
            max_exercises=self.max_exercises, max_probes=self.max_probes,
        )

    async def __call__(self) -> tuple[TextbookDataset, TextbookDataset | None]:
        config = self.episode_config()

        def groups(path: str) -> list[ChapterGroupBuilder]:
            return chapter_groups(load_textbook(path), group_size=self.group_size,
                                  model_name_for_tokenizer=self.model_name_for_tokenizer,
                                  renderer_name=self.renderer_name, config=config)

        train = TextbookDataset(groups(self.book), self.batch_size, self.epochs)
        test = None
        if self.test_book is not None:
            held_out = groups(self.test_book)
            test = TextbookDataset(held_out, len(held_out))
        return train, test
