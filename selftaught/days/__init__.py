"""Persistent learners, day after day: one learner kept over many study sessions.

A user creates a learner once (``selftaught learner new ada --kind lora``), then
studies with it day after day (``selftaught study language --learner ada
--chapters 1-2`` today, ``--chapters 3-4`` tomorrow); each day continues from the
state the previous day saved. ``records.py`` defines ``learner.json``, ``home.py``
the on-disk layout and the atomic commit of a day, ``manifest.py`` the checksums
verified before any state is loaded, ``day.py`` the day's study loop, and
``saved.py`` the workflow that ties them together.
"""

from selftaught.days.day import ChapterRange, DaySummary, day_steps, parse_chapters, run_day
from selftaught.days.home import DEFAULT_HOME, HOME_ENV, LearnerHome
from selftaught.days.records import AsideRecord, DayRecord, LearnerRecord, SavedLearnerError
from selftaught.days.saved import (
    build_learner,
    chapters_needed,
    check_chapters,
    create_learner,
    load_day_book,
    open_learner,
    study_day,
)

__all__ = [
    "DEFAULT_HOME",
    "HOME_ENV",
    "AsideRecord",
    "ChapterRange",
    "DayRecord",
    "DaySummary",
    "LearnerHome",
    "LearnerRecord",
    "SavedLearnerError",
    "build_learner",
    "chapters_needed",
    "check_chapters",
    "create_learner",
    "day_steps",
    "load_day_book",
    "open_learner",
    "parse_chapters",
    "run_day",
    "study_day",
]
