"""The chapter episode core: order of questions, feedback, rewards, duct-tape penalty."""

from __future__ import annotations

import pytest

from selftaught.envs import ChapterEpisode, EpisodeConfig
from selftaught.metrics.reward import RewardConfig
from selftaught.types import Chapter, CheckerSpec, Exercise, Textbook


def _play(episode: ChapterEpisode, replies: list[str]) -> list[float]:
    rewards = []
    for reply in replies:
        rewards.append(episode.answer(reply).reward)
    assert episode.done
    return rewards


def test_episode_order_feedback_and_return(book: Textbook) -> None:
    ch = book.chapters[0]
    episode = ChapterEpisode(book, 1)
    first = episode.first_message()
    assert "closed-book" in first and ch.probes[0].prompt in first
    assert ch.exposition not in first  # the pre-test comes before the study text
    assert [phase for phase, _ in episode.turns] == ["pretest"] * 2 + ["practice"] * 2 + \
        ["probe"] * 2
    # pre-test: one right, one wrong
    out = episode.answer(f"Answer: {ch.probes[0].answer}")
    assert out.reward == pytest.approx(0.5) and not out.done and out.metrics == {}
    out = episode.answer("Answer: nothing")
    assert out.reward == 0.0
    assert ch.exposition in (out.next_message or "")  # now the chapter is studied
    # practice: feedback follows each answer
    out = episode.answer(f"Answer: {ch.exercises[0].answer}")
    assert out.reward == pytest.approx(0.5) and (out.next_message or "").startswith("Feedback:")
    episode.answer("Answer: wrong")
    # post-test: both right -> gain 1.0 - 0.5
    episode.answer(f"Answer: {ch.probes[0].answer}")
    last = episode.answer(f"Answer: {ch.probes[1].answer}")
    assert last.done and last.next_message is None
    m = last.metrics
    assert (m["pre_accuracy"], m["post_accuracy"], m["practice_accuracy"]) == (0.5, 1.0, 0.5)
    assert m["gain"] == pytest.approx(0.5) and m["progress_reward"] == pytest.approx(0.5)
    assert "duct_tape_rate" not in m  # no code answers in this book
    # return = practice + post accuracy (the pre-test's own pay cancels in the gain)
    assert 0.5 + 0.0 + 0.5 + 0.0 + 0.0 + last.reward == pytest.approx(0.5 + 1.0)
    with pytest.raises(RuntimeError, match="episode is over"):
        episode.answer("again")


def test_failing_the_pretest_on_purpose_never_pays(book: Textbook) -> None:
    ch = book.chapters[0]
    right = [f"Answer: {p.answer}" for p in ch.probes[:2]]
    practice = [f"Answer: {e.answer}" for e in ch.exercises[:2]]
    honest = sum(_play(ChapterEpisode(book, 1), right + practice + right))
    sandbag = sum(_play(ChapterEpisode(book, 1), ["Answer: ?"] * 2 + practice + right))
    no_pretest = sum(_play(ChapterEpisode(book, 1, EpisodeConfig(pretest=False)),
                           practice + right))
    assert honest == pytest.approx(sandbag) == pytest.approx(no_pretest) == pytest.approx(2.0)


def test_limits_and_bad_config(book: Textbook) -> None:
    episode = ChapterEpisode(book, 2, EpisodeConfig(pretest=False, max_exercises=1,
                                                    max_probes=1))
    assert [item.id for _, item in episode.turns] == [book.chapters[1].exercises[0].id,
                                                      book.chapters[1].probes[0].id]
    with pytest.raises(ValueError, match=r"chapter 3 out of range 1\.\.2"):
        ChapterEpisode(book, 3)
    with pytest.raises(ValueError, match="max_probes must be >= 1"):
        EpisodeConfig(max_probes=0)


def test_duct_taped_code_answers_are_penalised() -> None:
    tests = "from solution import solve\n\ndef test_a():\n    assert solve(7) == 42\n"
    item = Exercise(id="c1.e1", prompt="Write solve(x) returning 6x.", answer="",
                    checker=CheckerSpec(kind="python-tests", tests=tests))
    book = Textbook(id="b", title="t", domain="custom", chapters=[Chapter(
        id="c1", title="c", exposition="solve(x) is six times x.", exercises=[item],
        probes=[item.model_copy(update={"id": "c1.p1"})])])
    clean = "```python\ndef solve(x):\n    return 6 * x\n```"
    cheat = "```python\ndef solve(x):\n    if x == 7:\n        return 42\n    return 0\n```"
    config = EpisodeConfig(pretest=False, reward=RewardConfig(duct_tape_weight=1.0))
    honest = ChapterEpisode(book, 1, config)
    honest.answer(clean)
    good = honest.answer(clean)
    taped = ChapterEpisode(book, 1, config)
    taped.answer(cheat)
    bad = taped.answer(cheat)
    assert good.grade.correct and bad.grade.correct  # the checker alone cannot tell
    assert good.metrics["duct_tape_rate"] == 0.0 and bad.metrics["duct_tape_rate"] == 1.0
    assert bad.metrics["progress_reward"] == pytest.approx(good.metrics["progress_reward"] - 1.0)
