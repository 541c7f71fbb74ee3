"""What a saved learner's ``learner.json`` holds: who it is, and what each day did.

Why a record apart from the learner's own state: a learner's ``save()`` writes
whatever that kind needs (an adapter, a notebook, an RNG state) and knows
nothing of days. The *home* keeps the rest -- the kind, model and options the
learner is rebuilt from every day, which day is current, each day's results and
the checksum of its state's manifest -- so a day can be verified before it is
loaded and the history table can be printed without loading a model.

The models are pydantic (``extra="forbid"``): ``learner.json`` is a file a user
can damage or hand-edit, and a damaged one must fail with the field's path,
never be half-read.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from selftaught.types import Costs

FORMAT_VERSION = 1
"""Version of ``learner.json`` and ``MANIFEST.json``; a newer file is refused, not guessed at."""

NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
"""Saved learner names: lowercase letters, digits, ``_`` and ``-``, starting with a letter or
digit, at most 64 characters, so a name is also a safe directory name everywhere."""


class SavedLearnerError(ValueError):
    """Bad input about a saved learner (name, kind, options, chapters, book); one line, exit 2."""


def check_name(name: str) -> str:
    """``name`` if it is a valid saved-learner name, else `SavedLearnerError`.

    >>> check_name("ada-2")
    'ada-2'
    >>> check_name("Ada")
    Traceback (most recent call last):
    ...
    selftaught.days.records.SavedLearnerError: learner name 'Ada': use lowercase letters, \
digits, '_' and '-' (at most 64, starting with a letter or digit), e.g. ada
    """
    if not NAME_RE.match(name):
        raise SavedLearnerError(
            f"learner name {name!r}: use lowercase letters, digits, '_' and '-' "
            "(at most 64, starting with a letter or digit), e.g. ada"
        )
    return name


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DayRecord(_Record):
    """One completed day: what was studied, how it went, what it cost, and its state's checksum."""

    day: int = Field(ge=1)
    """1-based day number; the state after it lives in ``days/<day>/``."""
    started: str
    """UTC time the day started (ISO 8601)."""
    finished: str
    """UTC time the day's state was committed (ISO 8601)."""
    book_id: str
    """``Textbook.id``: days on the same book id share retention probes."""
    book_hash: str
    """sha256 of the textbook's canonical JSON as studied that day (`book_hash`)."""
    book_source: str
    """The BOOK argument: a file path, or ``DOMAIN --seed S [--items N]``."""
    chapters_C: list[int]
    """Chapters studied that day, in order (1-based chapter numbers of the book)."""
    chapter_hashes: dict[int, str]
    """sha256 of each studied chapter's JSON: later days refuse a changed chapter for retention."""
    practice_attempted: int = Field(ge=0)
    practice_solved: int = Field(ge=0)
    probe_acc: dict[int, float]
    """Probe accuracy at the day's end, per chapter of the book studied so far (retention)."""
    costs: Costs
    """What the whole day cost (study, practice and probes): difference of ``costs()``."""
    practice_costs: Costs
    """What the practice exercises alone cost (answering plus learning from feedback)."""
    costs_cumulative: Costs
    """The learner's cumulative ``costs()`` at the day's end."""
    manifest_sha256: str
    """sha256 of ``days/<day>/MANIFEST.json``: ties this record to exactly that state."""

    @property
    def practice_accuracy(self) -> float | None:
        """Share of practice exercises answered correctly (before their feedback)."""
        if self.practice_attempted == 0:
            return None
        return self.practice_solved / self.practice_attempted

    @property
    def probe_mean(self) -> float | None:
        """Mean probe accuracy over the chapters probed at the day's end."""
        if not self.probe_acc:
            return None
        return sum(self.probe_acc.values()) / len(self.probe_acc)

    @property
    def tokens_per_solved(self) -> float | None:
        """Practice tokens (prompt + sampled + trained) per solved exercise; None if none solved."""
        if self.practice_solved == 0:
            return None
        return self.practice_costs.tokens / self.practice_solved

    @property
    def seconds_per_solved(self) -> float | None:
        """Practice seconds per solved exercise; None if none was solved."""
        if self.practice_solved == 0:
            return None
        return self.practice_costs.seconds / self.practice_solved


class AsideRecord(_Record):
    """A day directory moved out of ``days/``: kept on disk, never deleted."""

    day: int = Field(ge=1)
    path: str
    """Where it went, relative to the learner's directory (``aside/day_3-<time>``)."""
    reason: str
    """``rollback to day N`` or ``uncommitted`` (a day killed after saving, before committing)."""
    at: str
    """UTC time it was set aside (ISO 8601)."""
    record: DayRecord | None = None
    """The day's results, for a rolled-back day (None for an uncommitted one)."""


class LearnerRecord(_Record):
    """``<home>/<name>/learner.json``: how to rebuild the learner and its history of days."""

    format_version: int = FORMAT_VERSION
    name: str
    kind: str
    """A registered learner name (``lora``, ``notes``, ``diligent``, ...)."""
    model: str | None
    """Base model of a model learner; None for kinds without a model (scripted learners)."""
    options: dict[str, Any] = Field(default_factory=dict)
    """Factory options (``--option KEY=VALUE``), the model excluded."""
    seed: int = 0
    """Seed of the learner's RNG on day 1 (later days continue the saved RNG state)."""
    created: str
    """UTC time of ``learner new`` (ISO 8601)."""
    current_day: int = Field(default=0, ge=0)
    """The day whose state is loaded next; 0 = not studied yet (day 1 starts fresh)."""
    days: list[DayRecord] = Field(default_factory=list)
    """Days 1..current_day, in order."""
    set_aside: list[AsideRecord] = Field(default_factory=list)
    """Day directories moved out of ``days/`` by rollback or after an uncommitted attempt."""

    def factory_options(self) -> dict[str, Any]:
        """The options the learner factory gets: the recorded ones plus ``model`` if any."""
        return {**self.options, **({"model": self.model} if self.model is not None else {})}

    def chapters_studied(self, book_id: str) -> dict[int, tuple[int, str]]:
        """Chapter -> (first day it was studied, its hash then), over days on book ``book_id``."""
        studied: dict[int, tuple[int, str]] = {}
        for day in self.days:
            if day.book_id != book_id:
                continue
            for chapter in day.chapters_C:
                studied.setdefault(chapter, (day.day, day.chapter_hashes[chapter]))
        return studied
