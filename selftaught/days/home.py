"""The learner home: where saved learners live, and how a day's state is committed atomically.

Layout (``<home>`` is ``--home``, else ``$SELFTAUGHT_LEARNERS``, else ``./learners``)::

    <home>/<name>/learner.json        the `LearnerRecord`: kind, model, options, days
    <home>/<name>/days/<n>/           the learner's own ``save()`` after day n, plus
                      EVENTS.jsonl    the day's `StudyEvent`s, and
                      MANIFEST.json   size and sha256 of every file (checked before loading)
    <home>/<name>/aside/day_<n>-<t>/  days set aside by rollback, or an uncommitted attempt
    <home>/<name>/.lock               held while a command works on the learner

Why this order of writes (docs/design.md, Reliability, "earlier results are never lost"): a day
is saved into a temporary directory next to ``days/<n>``, fsynced, and renamed
into place; only then is ``learner.json`` replaced (`write_text_atomic`), and
that replacement is what makes day n current. Killed at any moment, the
learner is either still at day n-1 (and rerunning the command redoes day n) or
at day n. A ``days/<n>`` that exists beyond the current day is an attempt that
was never committed; it is moved aside, never overwritten, and never deleted.

Loading never starts fresh by accident: day 0 (never studied) is the only state
built fresh; any later day is loaded only after its manifest and every file
check out, and any failure is one `LearnerStateError` line naming the file and
the fix (usually ``selftaught learner rollback NAME --to-day N``).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from selftaught.days.manifest import MANIFEST_FILE, read_manifest, verify_files, write_manifest
from selftaught.days.records import (
    FORMAT_VERSION,
    AsideRecord,
    DayRecord,
    LearnerRecord,
    SavedLearnerError,
    check_name,
)
from selftaught.fileio import exclusive_lock, write_text_atomic
from selftaught.learners import Learner, LearnerStateError
from selftaught.study.run import fsync_path
from selftaught.types import StudyEvent

DEFAULT_HOME = Path("learners")
HOME_ENV = "SELFTAUGHT_LEARNERS"
RECORD_FILE = "learner.json"
EVENTS_FILE = "EVENTS.jsonl"
LOCK_FILE = ".lock"
COMMITTED_FILE = "COMMITTED"
"""Written into ``days/<n>`` after ``learner.json`` made day n current: a day directory with it
was committed, so one beyond the recorded current day means ``learner.json`` was edited or
replaced (an uncommitted attempt never has it)."""
DAYS_DIR = "days"
ASIDE_DIR = "aside"
TEMP_PREFIX = ".day_"


def utc_now() -> str:
    """The current UTC time, ISO 8601 with seconds."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def one_line(error: BaseException) -> str:
    """An exception's message on one line (inner errors can span several)."""
    return " ".join(str(error).split()) or type(error).__name__


class LearnerHome:
    """The directory of saved learners; every path in its messages is shown as given."""

    def __init__(self, root: Path | None = None) -> None:
        env = os.environ.get(HOME_ENV)
        self.root = root if root is not None else Path(env) if env else DEFAULT_HOME
        explicit = root is not None and root != (Path(env) if env else DEFAULT_HOME)
        # How commands in hints must name this home (nothing when it is the default one).
        self._flag = f" --home {self.root}" if explicit else ""

    # ------------------------------------------------------------------ paths and records

    def directory(self, name: str) -> Path:
        return self.root / check_name(name)

    def names(self) -> list[str]:
        """Names of the saved learners: every non-hidden directory of the home, sorted (one
        without a readable ``learner.json`` is listed too, and `read` says what is wrong)."""
        if not self.root.is_dir():
            return []
        return sorted(
            p.name for p in self.root.iterdir() if p.is_dir() and not p.name.startswith(".")
        )

    def exists(self, name: str) -> bool:
        """Whether ``name`` has a directory here (complete or not: `read` checks it)."""
        return (self.root / name).is_dir()

    def hint(self, name: str, day: int) -> str:
        """The fix for a bad state of ``day``: make the day before it current again."""
        command = f"selftaught learner rollback {name} --to-day {day - 1}{self._flag}"
        if day <= 1:
            return f"start over from day 0 with `{command}` (it forgets what was learned)"
        return f"restore the previous day with `{command}`"

    def read(self, name: str) -> LearnerRecord:
        """The record of ``name``, validated and consistent; one-line errors otherwise."""
        directory = self.directory(name)
        path = directory / RECORD_FILE
        if not path.is_file():
            if directory.is_dir():
                raise SavedLearnerError(
                    f"{path}: missing, {directory} is not a saved learner (an interrupted "
                    "`selftaught learner new`?); remove the directory or use another name"
                )
            raise SavedLearnerError(
                f"no saved learner {name!r} in {self.root}/; create it with `selftaught learner "
                f"new {name} --kind KIND{self._flag}` (`selftaught learner list` shows them)"
            )
        fix = f"restore it from a backup (the saved days under {directory / DAYS_DIR} are intact)"
        try:
            raw = json.loads(path.read_text("utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise LearnerStateError(f"{path}: unreadable ({one_line(error)}); {fix}") from None
        if isinstance(raw, dict) and isinstance(raw.get("format_version"), int) and (
            raw["format_version"] > FORMAT_VERSION
        ):
            raise LearnerStateError(
                f"{path}: format_version {raw['format_version']} is newer than this selftaught "
                f"reads ({FORMAT_VERSION}); upgrade selftaught"
            )
        try:
            record = LearnerRecord.model_validate(raw)
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(part) for part in first["loc"]) or "(top level)"
            raise LearnerStateError(f"{path}: {where}: {first['msg']}; {fix}") from None
        if record.name != name:
            raise LearnerStateError(
                f"{path}: records name {record.name!r}, but lives in {directory}; set \"name\" "
                f"to {name!r} there (a copied learner keeps its old name)"
            )
        if [d.day for d in record.days] != list(range(1, record.current_day + 1)):
            raise LearnerStateError(
                f"{path}: current_day is {record.current_day} but days "
                f"{[d.day for d in record.days]} are recorded; {fix}"
            )
        return record

    def write(self, record: LearnerRecord) -> None:
        """Replace ``learner.json`` atomically (readers see the old record or the new one),
        then fsync the directory so the replacement itself survives a power cut."""
        directory = self.directory(record.name)
        write_text_atomic(directory / RECORD_FILE, record.model_dump_json(indent=2) + "\n")
        fsync_path(directory, directory=True)

    def create(self, record: LearnerRecord) -> Path:
        """Make the directory of a new learner and write its record; refuse an existing name."""
        directory = self.directory(record.name)
        self.root.mkdir(parents=True, exist_ok=True)
        try:
            directory.mkdir()
        except FileExistsError:
            raise SavedLearnerError(
                f"{directory}: a learner named {record.name!r} exists; pick another name, or "
                f"roll it back with `selftaught learner rollback {record.name} --to-day 0`"
            ) from None
        (directory / DAYS_DIR).mkdir()
        self.write(record)
        return directory

    def lock(self, name: str) -> AbstractContextManager[None]:
        """One process per learner: an exclusive ``flock``, released by the OS even on kill -9."""
        return exclusive_lock(self.directory(name) / LOCK_FILE, lambda: SavedLearnerError(
            f"{self.directory(name)} is in use by another selftaught process; wait for it to "
            "finish"))

    # ------------------------------------------------------------------ day states

    def day_dir(self, name: str, day: int) -> Path:
        return self.directory(name) / DAYS_DIR / str(day)

    def verify_day(self, record: LearnerRecord, day: int) -> Path:
        """Check day ``day``'s state against its manifest and the record; return its directory."""
        directory = self.day_dir(record.name, day)
        fix = self.hint(record.name, day)
        manifest = read_manifest(directory, record.days[day - 1].manifest_sha256, fix=fix)
        expected = _identity(record)
        found = {key: manifest.get(key) for key in expected}
        if found != expected:
            diffs = ", ".join(
                f"{key} {found[key]!r}" for key in expected if found[key] != expected[key]
            )
            wanted = ", ".join(
                f"{key} {expected[key]!r}" for key in expected if found[key] != expected[key]
            )
            raise LearnerStateError(
                f"{directory / MANIFEST_FILE}: state saved with {diffs}, but "
                f"{self.directory(record.name) / RECORD_FILE} records {wanted}; a learner "
                f"cannot change its kind, model or options: set them back there, or create a "
                f"new learner with `selftaught learner new`"
            )
        verify_files(directory, manifest, fix=fix)
        return directory

    def commit_day(
        self, record: LearnerRecord, learner: Learner, events: list[StudyEvent],
        results: dict[str, Any],
    ) -> LearnerRecord:
        """Save ``learner`` as the next day and make it current; return the new record.

        ``results`` are the `DayRecord` fields other than ``day``, ``finished`` and
        ``manifest_sha256``. The state goes to a temporary directory (save, event
        log, manifest, fsync), is renamed to ``days/<n>``, and only then is
        ``learner.json`` replaced.
        """
        day = record.current_day + 1
        days = self.directory(record.name) / DAYS_DIR
        target = days / str(day)
        if target.exists():  # `tidy` moves these aside first; never overwrite a day
            raise LearnerStateError(f"{target}: exists although day {day} is not committed")
        days.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{day}.", dir=days))
        try:
            learner.save(tmp)
            for reserved in (EVENTS_FILE, MANIFEST_FILE):
                if (tmp / reserved).exists():
                    raise LearnerStateError(
                        f"learner {learner.name!r} saved a file named {reserved}, which the "
                        "learner home reserves; rename it in the learner's save()"
                    )
            (tmp / EVENTS_FILE).write_text(
                "".join(e.model_dump_json() + "\n" for e in events), "utf-8"
            )
            sha = write_manifest(tmp, {**_identity(record), "day": day})
            _fsync_tree(tmp)
            os.rename(tmp, target)
            fsync_path(days, directory=True)
        except BaseException:
            if tmp.exists():
                shutil.rmtree(tmp)
            raise
        entry = DayRecord(day=day, finished=utc_now(), manifest_sha256=sha, **results)
        new = record.model_copy(update={"current_day": day, "days": [*record.days, entry]})
        self.write(new)
        (target / COMMITTED_FILE).write_text(sha + "\n", "utf-8")  # not in the manifest
        fsync_path(target / COMMITTED_FILE, directory=False)
        return new

    def tidy(self, record: LearnerRecord) -> LearnerRecord:
        """Clear what killed commands left: temporary save directories are removed (never
        committed, possibly half-written); day directories beyond the current day are
        moved aside (a rollback killed midway, or a day saved but never committed)."""
        directory = self.directory(record.name)
        days = directory / DAYS_DIR
        if not days.is_dir():
            return record
        for leftover in days.glob(f"{TEMP_PREFIX}*"):
            shutil.rmtree(leftover)
        pending = {
            a.day: a.path for a in record.set_aside if not (directory / a.path).exists()
        }
        for path in sorted(days.iterdir(), key=lambda p: p.name):
            if not path.name.isdigit() or int(path.name) <= record.current_day:
                continue
            k = int(path.name)
            if k in pending:
                self._move_aside(directory, path, pending.pop(k))
                continue
            if (path / COMMITTED_FILE).exists():
                raise LearnerStateError(
                    f"{directory / RECORD_FILE}: records current day {record.current_day}, but "
                    f"day {k} was committed ({path / COMMITTED_FILE}); learner.json was edited "
                    "or replaced, and using it would silently restart the learner: restore "
                    "learner.json from a backup (to really go back, use `selftaught learner "
                    "rollback`, which keeps the later days aside)")
            entry = AsideRecord(day=k, path=_aside_path(k), reason="uncommitted", at=utc_now())
            self._move_aside(directory, path, entry.path)
            record = record.model_copy(update={"set_aside": [*record.set_aside, entry]})
            self.write(record)
        return record

    def rollback(self, record: LearnerRecord, to_day: int) -> tuple[LearnerRecord, list[Path]]:
        """Make day ``to_day`` current again; later days are moved aside (kept, not deleted)."""
        if not 0 <= to_day < record.current_day:
            latest = record.current_day
            choices = f"0..{latest - 1}" if latest else "none: it has not studied yet"
            raise SavedLearnerError(
                f"--to-day {to_day}: {record.name}'s current day is {latest}; "
                f"choose an earlier day ({choices})"
            )
        if to_day >= 1:
            self.verify_day(record, to_day)
        stamp = utc_now()
        moved = [
            AsideRecord(day=d.day, path=_aside_path(d.day), reason=f"rollback to day {to_day}",
                        at=stamp, record=d)
            for d in record.days[to_day:]
        ]
        new = record.model_copy(update={
            "current_day": to_day, "days": record.days[:to_day],
            "set_aside": [*record.set_aside, *moved],
        })
        self.write(new)  # from here on day `to_day` is current; the moves below only tidy
        directory = self.directory(record.name)
        for entry in moved:
            source = self.day_dir(record.name, entry.day)
            if source.exists():
                (source / COMMITTED_FILE).unlink(missing_ok=True)  # set aside, not current
                self._move_aside(directory, source, entry.path)
        return new, [directory / entry.path for entry in moved]

    @staticmethod
    def _move_aside(directory: Path, source: Path, relative: str) -> None:
        target = directory / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        os.rename(source, target)
        fsync_path(source.parent, directory=True)
        fsync_path(target.parent, directory=True)


def _identity(record: LearnerRecord) -> dict[str, Any]:
    """What a day's manifest must agree on with ``learner.json`` before it is loaded."""
    return {
        "format_version": FORMAT_VERSION,
        "kind": record.kind,
        "model": record.model,
        "options": json.loads(json.dumps(record.options)),
        "seed": record.seed,
    }


def _aside_path(day: int) -> str:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return f"{ASIDE_DIR}/day_{day}-{stamp}"


def _fsync_tree(root: Path) -> None:
    """fsync every file and directory under ``root`` (children before their directory)."""
    for path in sorted(root.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        fsync_path(path, directory=path.is_dir())
    fsync_path(root, directory=True)
