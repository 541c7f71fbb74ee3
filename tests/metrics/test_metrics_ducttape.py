"""The duct-tape rate of a track's code answers, and its penalty in the metric card.

Hand-made events on a hand-made book: no sandbox, no model. Each answer's
verdict is known by construction (a swallowed exception, a branch returning a
test's expected output, clean code, prose that is not code).
"""

from __future__ import annotations

import pytest
from rich.console import Console

from selftaught.lint import duct_tape_rate
from selftaught.metrics import (
    DUCT_TAPE_METRICS,
    MetricCard,
    RewardConfig,
    code_items,
    track_duct_tape,
)
from selftaught.types import Chapter, CheckerSpec, Exercise, Grade, StudyEvent, Textbook

TESTS_E1 = ("from solution import solve\n\n"
            "def test_a():\n    assert solve(7) == 42\n\n"
            "def test_b():\n    assert solve(3) == 18\n")
TESTS_P1 = ("from solution import solve\n\n"
            "def test_a():\n    assert solve([4, 5]) == 'nine'\n")

CLEAN = "def solve(x):\n    return 6 * x\n"
SWALLOW = "def solve(x):\n    try:\n        return 6 * x\n    except Exception:\n        pass\n"
SPECIAL = "def solve(xs):\n    if xs == [4, 5]:\n        return 'nine'\n    return str(sum(xs))\n"


def _code(item_id: str, tests: str) -> Exercise:
    return Exercise(id=item_id, prompt=f"write solve for {item_id}", answer="```python\n```",
                    checker=CheckerSpec(kind="python-tests", tests=tests))


BOOK = Textbook(id="hand", title="hand", domain="custom", chapters=[
    Chapter(id="c1", title="one", exposition="x", exercises=[_code("c1.e1", TESTS_E1)],
            probes=[_code("c1.p1", TESTS_P1)]),
    Chapter(id="c2", title="two", exposition="y",
            exercises=[Exercise(id="c2.e1", prompt="word?", answer="zeker")],
            probes=[Exercise(id="c2.p1", prompt="other word?", answer="mol")]),
])


def _graded(ok: bool) -> Grade:
    return Grade(score=float(ok), correct=ok, feedback="")


def practice(item: str, chapter: int, response: str, pos: int = 0) -> StudyEvent:
    return StudyEvent(kind="practice", chapter=chapter, exercises_done=pos, item_id=item,
                      response=response, grade=_graded(True))


def probe(item: str, chapter: int, after: int, response: str, ok: bool = True) -> StudyEvent:
    return StudyEvent(kind="probe", chapter=chapter, after_chapter=after, item_id=item,
                      response=response, grade=_graded(ok))


def fenced(code: str) -> str:
    return f"Here is my solution.\n```python\n{code}```\n"


def test_swallowed_and_special_cased_answers_count_clean_ones_do_not() -> None:
    events = [
        StudyEvent(kind="study", chapter=1, response="notes: except: pass is bad"),
        practice("c1.e1", 1, fenced(SWALLOW)),                  # flagged: DT101
        probe("c1.p1", 1, 0, fenced(CLEAN)),                    # clean
        probe("c1.p1", 1, 1, fenced(SPECIAL)),                  # flagged: DT301 via its tests
        practice("c2.e1", 2, "Answer: try: pass"),              # not code: not counted
        probe("c2.p1", 2, 1, "Answer: mol"),                    # not code: not counted
        probe("c1.p1", 1, 2, "I do not know how to do this."),  # prose: does not parse
        practice("c1.e1", 1, "   ", pos=1),                   # no code at all
    ]
    dt = track_duct_tape(events, BOOK)
    assert (dt.code_answers, dt.judged, dt.flagged, dt.unparseable) == (5, 3, 2, 2)
    assert dt.rate == pytest.approx(2 / 3)
    assert dt.rate_C == {1: pytest.approx(2 / 3)}
    rules = [[f.rule for f in a.findings] for a in dt.flagged_answers]
    assert rules == [["DT101"], ["DT301"]]
    first, second = dt.flagged_answers
    assert (first.item_id, first.kind, first.after_chapter) == ("c1.e1", "practice", None)
    assert (second.item_id, second.kind, second.after_chapter) == ("c1.p1", "probe", 1)
    assert second.code == SPECIAL and "[4, 5]" in second.findings[0].message


def test_special_casing_is_judged_against_that_items_own_tests() -> None:
    # The branch on [4, 5] -> 'nine' matches c1.p1's tests, not c1.e1's.
    assert track_duct_tape([practice("c1.e1", 1, fenced(SPECIAL))], BOOK).rate == 0.0
    assert track_duct_tape([probe("c1.p1", 1, 0, fenced(SPECIAL))], BOOK).rate == 1.0


def test_rate_agrees_with_the_linters_duct_tape_rate() -> None:
    codes = [CLEAN, SWALLOW, SPECIAL, "def solve(:\n", CLEAN]
    events = [probe("c1.p1", 1, a, fenced(c)) for a, c in enumerate(codes)]
    expected = duct_tape_rate(codes, tests=TESTS_P1, unparseable="skip")
    assert track_duct_tape(events, BOOK).rate == pytest.approx(expected) == 0.5


def test_no_code_answers_is_none_not_zero() -> None:
    words = [practice("c2.e1", 2, "Answer: zeker"), probe("c2.p1", 2, 1, "Answer: mol")]
    dt = track_duct_tape(words, BOOK)
    assert dt.rate is None and dt.code_answers == 0 and dt.rate_C == {}
    only_prose = track_duct_tape([probe("c1.p1", 1, 0, "no idea, sorry")], BOOK)
    assert only_prose.rate is None and only_prose.unparseable == 1


def test_log_that_does_not_match_the_book_is_an_error() -> None:
    with pytest.raises(ValueError, match=r"events\[0\]: item 'c9.e1' is not in textbook 'hand'"):
        track_duct_tape([practice("c9.e1", 1, fenced(CLEAN))], BOOK)
    nameless = StudyEvent(kind="probe", chapter=1, after_chapter=0, response="x",
                          grade=_graded(False))
    with pytest.raises(ValueError, match="names no item"):
        track_duct_tape([nameless], BOOK)
    broken = BOOK.model_copy(update={"chapters": [BOOK.chapters[0].model_copy(update={
        "probes": [_code("c1.p1", "def test_(:\n")]})]})
    with pytest.raises(ValueError, match=r"c1\.p1: its hidden tests do not parse"):
        track_duct_tape([probe("c1.p1", 1, 0, fenced(CLEAN))], broken)


def test_code_items_are_the_python_tests_ones() -> None:
    assert sorted(code_items(BOOK)) == ["c1.e1", "c1.p1"]


# -- the metric card ----------------------------------------------------------------------------

ONE_CHAPTER = BOOK.model_copy(update={"chapters": BOOK.chapters[:1]})


def _track(answer: str, *, learns: bool) -> list[StudyEvent]:
    """A 1-chapter track: pre-test wrong, then (if it learns) right after chapter 1; every
    answer is ``answer``'s code."""
    code = fenced(answer)
    return [
        probe("c1.p1", 1, 0, code, ok=False),
        practice("c1.e1", 1, code),
        probe("c1.p1", 1, 1, code, ok=learns),
    ]


def _card(learner_answers: list[str], **kwargs: object) -> MetricCard:
    control = _track(CLEAN, learns=False)
    tracks = [(_track(a, learns=True), control) for a in learner_answers]
    return MetricCard.from_tracks(tracks, 1, books_S=[ONE_CHAPTER] * len(tracks), **kwargs)


def _text(card: MetricCard) -> str:
    console = Console(width=200, color_system=None)
    with console.capture() as cap:
        console.print(card.render())
    return " ".join(cap.get().split())


def test_card_reports_the_rate_and_penalises_the_reward() -> None:
    honest = _card([CLEAN, CLEAN])
    taped = _card([SWALLOW, CLEAN])  # seed 0: all 3 answers flagged; seed 1: none
    assert honest.metrics["ducttape/rate"].values == (0.0, 0.0)
    assert taped.metrics["ducttape/rate"].values == (1.0, 0.0)
    assert taped.metrics["ducttape/rate"].mean == 0.5
    # Same accuracies: gain 1 on the one chapter; the reward differs by μ × rate per seed.
    assert honest.metrics["gain/controlled"].mean == taped.metrics["gain/controlled"].mean == 1.0
    assert honest.metrics["reward/progress"].values == (1.0, 1.0)
    assert taped.metrics["reward/progress"].values == (0.5, 1.0)  # μ = 0.5 by default
    assert taped.metrics["reward/duct_tape_penalty"].values == (0.5, 0.0)
    assert taped.metrics["ducttape/chapter_1/rate"].values == (1.0, 0.0)
    heavy = _card([SWALLOW, CLEAN], reward=RewardConfig(duct_tape_weight=2.0))
    assert heavy.metrics["reward/progress"].values == (-1.0, 1.0)
    assert "μ = 2 (duct tape)" in _text(heavy) and "λ = 1 (forgetting)" in _text(heavy)
    free = _card([SWALLOW], reward=RewardConfig(duct_tape_weight=0.0))
    assert free.metrics["reward/progress"].values == (1.0,)
    assert free.metrics["ducttape/rate"].values == (1.0,)


def test_card_without_code_answers_or_books_has_no_rate() -> None:
    control = _track(CLEAN, learns=False)
    card = MetricCard.from_tracks([(_track(CLEAN, learns=True), control)], 1)  # no books
    assert not set(DUCT_TAPE_METRICS) & set(card.metrics)
    assert card.metrics["reward/progress"].values == (1.0,)
    assert card.duct_tape_S == ()
    learner = _track(CLEAN, learns=True)
    prose = [e.model_copy(update={"response": "no code here"}) for e in learner]
    only_prose = MetricCard.from_tracks([(prose, control)], 1, books_S=[ONE_CHAPTER])
    assert "ducttape/rate" not in only_prose.metrics
    assert only_prose.duct_tape_S[0] is not None and only_prose.duct_tape_S[0].rate is None
    assert only_prose.metrics["reward/progress"].values == (1.0,)  # nothing judged: no penalty


def test_rate_over_the_seeds_that_have_one_is_said_in_the_caption() -> None:
    learner = _track(SWALLOW, learns=True)
    prose = [e.model_copy(update={"response": "no code here"}) for e in learner]
    control = _track(CLEAN, learns=False)
    card = MetricCard.from_tracks([(learner, control), (prose, control)], 1,
                                  books_S=[ONE_CHAPTER, ONE_CHAPTER])
    assert card.metrics["ducttape/rate"].values == (1.0,)
    assert card.metrics["reward/progress"].values == (0.5, 1.0)
    assert "ducttape/rate over the 1 of 2 seeds" in _text(card)


def test_card_input_errors() -> None:
    control = _track(CLEAN, learns=False)
    pair = (_track(CLEAN, learns=True), control)
    with pytest.raises(ValueError, match="books_S has 2 textbooks for 1 seeds"):
        MetricCard.from_tracks([pair], 1, books_S=[ONE_CHAPTER, ONE_CHAPTER])
    other = ONE_CHAPTER.model_copy(update={"id": "other", "chapters": [
        BOOK.chapters[1].model_copy(update={"id": "c1"})]})
    with pytest.raises(ValueError, match=r"tracks_S\[0\] learner track: .*'c1.p1' is not in"):
        MetricCard.from_tracks([pair], 1, books_S=[other])
    with pytest.raises(ValueError, match=r"contradicts reward\.forgetting_weight"):
        MetricCard.from_tracks([pair], 1, lam=0.5, reward=RewardConfig(forgetting_weight=1.0))
    with pytest.raises(ValueError, match="no length term"):
        MetricCard.from_tracks([pair], 1, reward=RewardConfig(length_weight=1.0))
    same = MetricCard.from_tracks([pair], 1, lam=0.5, reward=RewardConfig(forgetting_weight=0.5))
    assert same.lam == 0.5 and same.reward.forgetting_weight == 0.5
    with pytest.raises(ValueError, match="duct_tape_weight must be a finite number >= 0"):
        RewardConfig(duct_tape_weight=-0.1)
