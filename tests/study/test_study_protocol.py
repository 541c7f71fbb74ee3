"""What the study run shows a learner, in which order, and what it logs."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers_study import new_track, run_one

from selftaught.learners import make_learner
from selftaught.learners.scripted import ScriptedLearner
from selftaught.study import RunStore, StudyConfig, StudyRunError, run_track, split_costs
from selftaught.types import Chapter, Costs, Exercise, Grade, Textbook


class Recording:
    """A scripted learner that records every call the run makes."""

    def __init__(self, inner: ScriptedLearner) -> None:
        self.name = inner.name
        self.inner = inner
        self.calls: list[tuple[str, object]] = []

    def study(self, chapter: Chapter) -> None:
        self.calls.append(("study", (chapter.id, len(chapter.exercises) + len(chapter.probes))))
        self.inner.study(chapter)

    def answer(self, prompts: list[str]) -> list[str]:
        self.calls.append(("answer", len(prompts)))
        return self.inner.answer(prompts)

    def feedback(self, item: Exercise, response: str, grade: Grade) -> None:
        self.calls.append(("feedback", item.id))
        assert item.answer  # the solution is shown with the feedback
        self.inner.feedback(item, response, grade)

    def costs(self) -> Costs:
        return self.inner.costs()

    def save(self, directory: Path) -> None:
        self.inner.save(directory)

    def load(self, directory: Path) -> None:
        self.inner.load(directory)


def recording(book: Textbook, name: str = "memoriser") -> Recording:
    inner = make_learner(name, book=book, seed=0)
    assert isinstance(inner, ScriptedLearner)
    return Recording(inner)


def test_call_order_of_a_learning_track(tiny_book: Textbook, tmp_path: Path) -> None:
    learner = recording(tiny_book)
    run_one(tmp_path, tiny_book, "memoriser", learner=learner, curve_every=3)
    n_probes = sum(len(ch.probes) for ch in tiny_book.chapters)
    expected: list[tuple[str, object]] = [("answer", n_probes)]  # pre-test: one batch
    for ch in tiny_book.chapters:
        expected.append(("study", (ch.id, 0)))  # exercises and probes hidden from study
        for e, item in enumerate(ch.exercises):
            if e % 3 == 0:
                expected.append(("answer", len(ch.probes)))  # curve probe at b = e
            expected += [("answer", 1), ("feedback", item.id)]
        expected.append(("answer", len(ch.probes)))  # curve probe at b = 6
        expected.append(("answer", n_probes))  # every chapter, one batch, no feedback
    assert learner.calls == expected


def test_control_track_never_studies_nor_gets_feedback(tiny_book: Textbook, tmp_path: Path) -> None:
    learner = recording(tiny_book)
    _, _, _, events = run_one(tmp_path, tiny_book, "memoriser", learner=learner, control=True)
    assert {kind for kind, _ in learner.calls} == {"answer"}
    assert not [e for e in events if e.kind == "study"]
    assert len([e for e in events if e.kind == "practice"]) == 18


def test_event_log_fields(tiny_book: Textbook, tmp_path: Path) -> None:
    _, _, learner, events = run_one(tmp_path, tiny_book, "diligent")
    probes = [e for e in events if e.kind == "probe"]
    assert len(probes) == 4 * 18  # 4 states (pre-test + 3 chapters) x 18 probes
    assert {e.after_chapter for e in probes} == {0, 1, 2, 3}
    practice = [e for e in events if e.kind == "practice"]
    assert [e.exercises_done for e in practice[:6]] == list(range(6))
    assert all(e.grade is not None and e.reference and e.response for e in practice + probes)
    assert [e.chapter for e in events if e.kind == "study"] == [1, 2, 3]
    # every token the learner spent is in exactly one event
    total = Costs()
    for event in events:
        total = total + event.costs
    assert total.tokens == learner.costs().tokens > 0


def test_resume_refuses_changed_config_or_book(tiny_book: Textbook, tmp_path: Path) -> None:
    store, track_id, _, _ = run_one(tmp_path, tiny_book, "random")
    other = make_learner("random", book=tiny_book, seed=0)
    with pytest.raises(StudyRunError, match="config"):
        run_track(store, track_id, tiny_book, other, StudyConfig(curve_every=2))
    changed = tiny_book.model_copy(update={"title": "Changed"})
    with pytest.raises(StudyRunError, match="different content"):
        run_track(store, track_id, changed, other, StudyConfig())
    with pytest.raises(StudyRunError, match="learner 'random', not 'oracle'"):
        run_track(store, track_id, tiny_book, make_learner("oracle", book=tiny_book, seed=0),
                  StudyConfig())


def test_a_learner_breaking_the_protocol_is_named(tiny_book: Textbook, tmp_path: Path) -> None:
    class Mute(Recording):
        def answer(self, prompts: list[str]) -> list[str]:
            return []

    store = RunStore(tmp_path / "run.sqlite")
    track_id = new_track(store, tiny_book, "memoriser", StudyConfig())
    with pytest.raises(StudyRunError, match=r"returned 0 .* run check_learner"):
        run_track(store, track_id, tiny_book, Mute(recording(tiny_book).inner), StudyConfig())


def test_chapters_prefix(tiny_book: Textbook, tmp_path: Path) -> None:
    store = RunStore(tmp_path / "run.sqlite")
    config = StudyConfig(chapters=2)
    track_id = new_track(store, tiny_book, "oracle", config)
    events = run_track(store, track_id, tiny_book, make_learner("oracle", book=tiny_book, seed=0),
                       config)
    assert max(e.chapter for e in events) == 2
    assert {e.after_chapter for e in events if e.kind == "probe"} == {0, 1, 2}
    with pytest.raises(ValueError, match="chapters must be >= 1"):
        StudyConfig(chapters=0)


def test_split_costs_is_exact() -> None:
    total = Costs(tokens_prompt=101, tokens_sampled=7, grad_steps=2, seconds=1.5)
    shares = split_costs(total, 4)
    summed = Costs()
    for share in shares:
        summed = summed + share
    assert summed.model_dump(exclude={"seconds"}) == total.model_dump(exclude={"seconds"})
    assert summed.seconds == pytest.approx(1.5)
