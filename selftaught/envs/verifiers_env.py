"""A selftaught textbook as a ``verifiers`` environment: ``load_environment(book=...)``.

Why single-turn: ``verifiers`` evaluates and trains on independent prompts scored by a
rubric, so each row is one question: the chapter's exposition and worked examples
(open book, ``study=True``) or nothing (closed book, ``study=False``), then an
exercise or probe with the book's answer convention. The rubric grades the reply
with the item's own selftaught checker -- the same grade as ``selftaught run`` and
the cookbook environment (`selftaught.envs.cookbook`) give -- and, for code items
(``python-tests``), subtracts μ times the duct-tape detector's verdict
(`selftaught.metrics.ducttape`), so duct tape that passes the tests still costs.

The progress reward needs a control: evaluate the same model on the same probes with
``study=True`` and ``study=False``; the difference of the two mean ``correct``
scores is the controlled gain of studying the chapter (`selftaught.metrics.reward`).

``load_environment(book, episode=True)`` is the multi-turn view instead: a
`ChapterStudyEnv` (``vf.MultiTurnEnv``) with one row per chapter, each rollout the
cookbook environment's episode (`selftaught.envs.chapter`: pre-test, practice with
feedback, post-test) and the episode's return as the reward. The environment keeps
no Python objects in the rollout state: each turn replays the conversation's replies
through a fresh `ChapterEpisode` (checkers are deterministic), so rollouts can be
serialised like any other.

    from verifiers.clients import OpenAIChatCompletionsClient
    from selftaught.envs.verifiers_env import load_environment
    env = load_environment(book="book.yaml", items="probes")
    client = OpenAIChatCompletionsClient(openai.AsyncOpenAI(base_url=URL, api_key=KEY))
    results = env.evaluate_sync(client=client, model="...", num_examples=10)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import verifiers as vf
from datasets import Dataset

from selftaught.checkers import grade
from selftaught.envs.chapter import ChapterEpisode, EpisodeConfig, Outcome, question, study_text
from selftaught.metrics.ducttape import track_duct_tape
from selftaught.metrics.reward import RewardConfig
from selftaught.textbook import load_textbook
from selftaught.types import Exercise, Grade, StudyEvent, Textbook

Items = Literal["probes", "exercises", "all"]
ITEMS: tuple[str, ...] = ("probes", "exercises", "all")


def book_rows(book: Textbook, *, items: Items = "probes", study: bool = True,
              chapters: list[int] | None = None) -> list[dict[str, Any]]:
    """The dataset rows: ``question`` (what the model is asked), ``answer``, ``info``."""
    if items not in ITEMS:
        raise ValueError(f"items={items!r}: expected one of {', '.join(ITEMS)}")
    wanted = chapters or list(range(1, len(book.chapters) + 1))
    bad = [c for c in wanted if not 1 <= c <= len(book.chapters)]
    if bad:
        raise ValueError(f"chapters={bad}: book {book.id!r} has chapters 1..{len(book.chapters)}")
    rows = []
    for c in wanted:
        chapter = book.chapters[c - 1]
        group = {"probes": chapter.probes, "exercises": chapter.exercises,
                 "all": [*chapter.exercises, *chapter.probes]}[items]
        lead = study_text(book, chapter, c) + "\n\n" if study else ""
        for item in group:
            rows.append({"question": lead + question(item, book.answer_format),
                         "answer": item.answer,
                         "info": {"item_id": item.id, "chapter": c, "study": study}})
    return rows


class TextbookRubric(vf.Rubric):
    """``correct``: the item's checker score; ``duct_tape``: 1 when a code answer is
    flagged by the detector (weight −μ; 0 for answers that are not code)."""

    def __init__(self, book: Textbook, *, reward: RewardConfig | None = None,
                 parser: vf.Parser | None = None) -> None:
        reward = reward or RewardConfig()
        super().__init__(funcs=[self.correct, self.duct_tape],
                         weights=[1.0, -reward.duct_tape_weight], parser=parser)
        self.book = book
        self.items = book.items()

    def _item(self, info: dict[str, Any]) -> Exercise:
        item_id = info.get("item_id")
        if item_id not in self.items:
            raise KeyError(f"row info names item {item_id!r}, which book {self.book.id!r} lacks")
        return self.items[item_id]

    def reply(self, completion: Any) -> str:
        """The model's reply text (the last assistant message)."""
        return self.parser.parse_answer(completion) or ""

    def grade_completion(self, completion: Any, info: dict[str, Any]) -> Grade:
        return grade(self.reply(completion), self._item(info))

    def correct(self, completion: Any, info: dict[str, Any], **kwargs: Any) -> float:
        return self.grade_completion(completion, info).score

    def duct_tape(self, completion: Any, info: dict[str, Any], **kwargs: Any) -> float:
        item = self._item(info)
        event = StudyEvent(kind="probe", chapter=int(info["chapter"]), item_id=item.id,
                           response=self.reply(completion))
        return float(track_duct_tape([event], self.book).flagged)


def _field(message: Any, name: str) -> Any:
    return message.get(name) if isinstance(message, dict) else getattr(message, name, None)


def assistant_replies(messages: Any) -> list[str]:
    """The assistant messages' texts of a conversation, in order."""
    return [str(_field(m, "content") or "") for m in messages or []
            if _field(m, "role") == "assistant"]


def replay(book: Textbook, c: int, config: EpisodeConfig,
           replies: list[str]) -> tuple[ChapterEpisode, list[Outcome]]:
    """A fresh episode of chapter ``c`` fed ``replies`` (at most its number of turns)."""
    episode = ChapterEpisode(book, c, config)
    outcomes = [episode.answer(r) for r in replies[: len(episode.turns)]]
    return episode, outcomes


class EpisodeRubric(vf.Rubric):
    """``episode_return``: the chapter episode's return (weight 1); ``post_accuracy`` and
    ``gain`` are logged with weight 0."""

    def __init__(self, book: Textbook, config: EpisodeConfig,
                 parser: vf.Parser | None = None) -> None:
        super().__init__(funcs=[self.episode_return, self.post_accuracy, self.gain],
                         weights=[1.0, 0.0, 0.0], parser=parser)
        self.book, self.config = book, config

    def _summary(self, completion: Any, info: dict[str, Any]) -> tuple[float, dict[str, float]]:
        episode, outcomes = replay(self.book, int(info["chapter"]), self.config,
                                   assistant_replies(completion))
        if not episode.done:  # cut short (token or turn limit): what it answered, no bonus
            return sum(o.reward for o in outcomes), {"post_accuracy": 0.0, "gain": 0.0}
        return sum(o.reward for o in outcomes), outcomes[-1].metrics

    def episode_return(self, completion: Any, info: dict[str, Any], **kwargs: Any) -> float:
        return self._summary(completion, info)[0]

    def post_accuracy(self, completion: Any, info: dict[str, Any], **kwargs: Any) -> float:
        return self._summary(completion, info)[1]["post_accuracy"]

    def gain(self, completion: Any, info: dict[str, Any], **kwargs: Any) -> float:
        return self._summary(completion, info)[1]["gain"]


class ChapterStudyEnv(vf.MultiTurnEnv):
    """One rollout = one chapter episode (see the module docstring); one row per chapter."""

    def __init__(self, book: Textbook, *, config: EpisodeConfig | None = None,
                 chapters: list[int] | None = None, **kwargs: Any) -> None:
        self.book, self.config = book, config or EpisodeConfig()
        wanted = chapters or list(range(1, len(book.chapters) + 1))
        episodes = [ChapterEpisode(book, c, self.config) for c in wanted]
        rows = [{"question": e.first_message(), "answer": "",
                 "info": {"chapter": e.c, "turns": len(e.turns)}} for e in episodes]
        kwargs.setdefault("env_id", f"selftaught-{book.id}-episodes")
        super().__init__(dataset=Dataset.from_list(rows),
                         rubric=EpisodeRubric(book, self.config),
                         max_turns=max(len(e.turns) for e in episodes), **kwargs)

    @vf.stop
    async def episode_over(self, state: Any) -> bool:
        return len(state["trajectory"]) >= int(state["info"]["turns"])

    async def env_response(self, messages: Any, state: Any, **kwargs: Any) -> Any:
        episode, outcomes = replay(self.book, int(state["info"]["chapter"]), self.config,
                                   assistant_replies(messages))
        if episode.done:
            state["final_env_response"] = []
            return []
        return [vf.UserMessage(content=outcomes[-1].next_message or "")]


def load_environment(book: str | Path | Textbook, *, items: Items = "probes",
                     study: bool = True, chapters: list[int] | None = None,
                     duct_tape_weight: float = RewardConfig().duct_tape_weight,
                     system_prompt: str | None = None, episode: bool = False,
                     pretest: bool = True, **kwargs: Any) -> vf.Environment:
    """A ``vf.SingleTurnEnv`` over ``book`` (a path or a `Textbook`), graded by its checkers.

    ``items``: which items are the rows (``probes``, ``exercises`` or ``all``);
    ``study``: show the chapter's exposition before each question (False: closed book,
    the control); ``chapters``: 1-based chapters to use (default all);
    ``duct_tape_weight``: μ. ``episode=True``: a `ChapterStudyEnv` instead (one multi-turn
    chapter episode a row; ``items`` and ``study`` do not apply, ``pretest`` does).
    Further keywords go to the environment class.
    """
    textbook = book if isinstance(book, Textbook) else load_textbook(book)
    reward = RewardConfig.with_duct_tape_penalty(duct_tape_weight)
    if episode:
        return ChapterStudyEnv(textbook, config=EpisodeConfig(pretest=pretest, reward=reward),
                               chapters=chapters, system_prompt=system_prompt, **kwargs)
    rows = book_rows(textbook, items=items, study=study, chapters=chapters)
    return vf.SingleTurnEnv(
        dataset=Dataset.from_list(rows), system_prompt=system_prompt,
        rubric=TextbookRubric(textbook, reward=reward), env_id=f"selftaught-{textbook.id}",
        **kwargs,
    )
