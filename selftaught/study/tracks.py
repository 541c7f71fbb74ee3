"""A track of a grid: which book, which arm (learner kind and options), which config.

Kept apart from ``grid.py`` (which builds and runs grids) so that the executors --
in-process, or on Ray (``parallel.py``) -- share these types without importing
each other.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from selftaught.learners import Learner, make_learner
from selftaught.study.run import StudyConfig, first_chapters
from selftaught.study.store import TrackRecord
from selftaught.types import Textbook


@dataclass(frozen=True)
class Arm:
    """One column of the grid: what a track of every book runs."""

    label: str
    """How results name this arm (``notes``, ``control``, ``meta``); unique in a grid."""
    learner: str
    """Registered learner kind (`selftaught.learners.learner_names`)."""
    control: bool = False
    """Learning disabled: the track is the arm's learner never studying nor getting feedback."""
    options: Mapping[str, Any] = field(default_factory=dict)
    """Keyword arguments of the learner's factory (``make_learner(learner, **options)``)."""


@dataclass(frozen=True)
class GridTrack:
    """A track of the run store with its place in the grid."""

    record: TrackRecord
    book_index: int
    arm: Arm
    book: Textbook
    config: StudyConfig

    @property
    def id(self) -> int:
        return self.record.id

    @property
    def n_steps(self) -> int:
        """Steps of the whole track: the pre-test, then one per chapter."""
        return len(first_chapters(self.book, self.config.chapters).chapters) + 1


LearnerBuilder = Callable[[GridTrack], Learner]
"""Builds the fresh learner a track starts from (seeded with ``track.config.seed``)."""

TrackFn = Callable[[GridTrack], None]
"""Called as ``on_track(track)`` when a track starts (or resumes)."""

StepFn = Callable[[GridTrack, int], None]
"""Called as ``on_step(track, completed_step)`` after each completed step of a track."""


def build_learner(track: GridTrack) -> Learner:
    """The default builder: ``make_learner(arm.learner, book=..., seed=..., **arm.options)``."""
    return make_learner(track.arm.learner, book=track.book, seed=track.config.seed,
                        **track.arm.options)
