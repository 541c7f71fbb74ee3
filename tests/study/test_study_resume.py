"""Resume, in-process: a track interrupted at every possible answer call resumes exactly.

The kill -9 test of the real command is in ``test_study_kill_resume.py``; this
one interrupts by raising from inside the learner, which lets it cover every
interruption point (pre-test, study, practice, curve probes, probe pass) cheaply.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers_study import comparable, new_track, run_one

from selftaught.learners import make_learner
from selftaught.learners.scripted import ScriptedLearner
from selftaught.study import RunStore, StudyConfig, run_track
from selftaught.types import Chapter, Costs, Exercise, Grade, Textbook


class Interrupted(Exception):
    """Stands in for the process dying at this point."""


class Dying:
    """A scripted learner that dies at its ``die_at``-th call of any verb."""

    def __init__(self, inner: ScriptedLearner, die_at: int) -> None:
        self.name = inner.name
        self._inner = inner
        self._die_at = die_at
        self._calls = 0

    def _tick(self) -> None:
        self._calls += 1
        if self._calls == self._die_at:
            raise Interrupted(f"died at call {self._calls}")

    def study(self, chapter: Chapter) -> None:
        self._tick()
        self._inner.study(chapter)

    def answer(self, prompts: list[str]) -> list[str]:
        self._tick()
        return self._inner.answer(prompts)

    def feedback(self, item: Exercise, response: str, grade: Grade) -> None:
        self._tick()
        self._inner.feedback(item, response, grade)

    def costs(self) -> Costs:
        return self._inner.costs()

    def save(self, directory: Path) -> None:
        self._tick()
        self._inner.save(directory)

    def load(self, directory: Path) -> None:
        self._inner.load(directory)


def dying(book: Textbook, name: str, die_at: int) -> Dying:
    inner = make_learner(name, book=book, seed=0)
    assert isinstance(inner, ScriptedLearner)
    return Dying(inner, die_at)


@pytest.mark.parametrize(
    ("name", "control", "chapters", "stride"),
    [("memoriser", False, 1, 1), ("random", True, 2, 2)],
)
def test_resume_after_interruption_at_every_call(
    name: str, control: bool, chapters: int, stride: int, tiny_book: Textbook, tmp_path: Path
) -> None:
    """Every call of a 1-chapter learning track (resume from no checkpoint and from the
    pre-test's); every other call of a 2-chapter control (also from chapter 1's checkpoint)."""
    config = StudyConfig(curve_every=4, chapters=chapters)
    baseline_store = RunStore(tmp_path / "baseline" / "run.sqlite")
    track_id = new_track(baseline_store, tiny_book, name, config, control=control)
    baseline = run_track(baseline_store, track_id, tiny_book,
                         make_learner(name, book=tiny_book, seed=0), config)
    # calls: pre-test answer + save, then per chapter: study, 6 x (answer, feedback),
    # 2 curve probes (b = 0, 4), probe pass, save; a control has no study and no feedback
    per_chapter = 1 + 12 + 2 + 1 + 1 if not control else 6 + 2 + 1 + 1
    n_calls = 2 + chapters * per_chapter
    for die_at in range(1, n_calls + 1, stride):
        directory = tmp_path / f"die_{die_at}"
        store = RunStore(directory / "run.sqlite")
        track_id = new_track(store, tiny_book, name, config, control=control)
        with pytest.raises(Interrupted):
            run_track(store, track_id, tiny_book, dying(tiny_book, name, die_at), config)
        store.close()
        with RunStore(directory / "run.sqlite") as reopened:
            fresh = make_learner(name, book=tiny_book, seed=0)
            resumed = run_track(reopened, track_id, tiny_book, fresh, config)
            assert comparable(resumed) == comparable(baseline), f"died at call {die_at}"
            assert reopened.track(track_id).status == "done"
    # ... and those were all the calls: one more and the track completes
    store = RunStore(tmp_path / "last" / "run.sqlite")
    track_id = new_track(store, tiny_book, name, config, control=control)
    events = run_track(store, track_id, tiny_book, dying(tiny_book, name, n_calls + 1), config)
    assert comparable(events) == comparable(baseline)


def test_resuming_a_finished_track_changes_nothing(tiny_book: Textbook, tmp_path: Path) -> None:
    store, track_id, _, events = run_one(tmp_path, tiny_book, "random")
    again = run_track(store, track_id, tiny_book, make_learner("random", book=tiny_book, seed=0),
                      StudyConfig())
    assert again == events
