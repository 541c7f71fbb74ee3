"""`RunStore`: the SQLite file every study run writes as it goes, and resumes from.

Why SQLite: a run must survive ``kill -9`` at any instant with no duplicate
and no lost results (docs/design.md, Reliability). SQLite gives atomic, durable transactions in
one file, with no server. Each event is its own transaction, so what is on
disk is always a prefix of the run; a step (the pre-test, or one chapter) is
marked complete in the same transaction that records the learner checkpoint
saved after it, so "complete" and "resumable from here" can never disagree.

Journal and sync settings: WAL with ``synchronous=NORMAL``. In WAL mode NORMAL
is atomic and consistent under a process crash (kill -9 loses nothing that was
committed); only an OS crash or power cut can drop the last few commits.
That is safe here because resume treats any step without a checkpoint as
incomplete, deletes its events and redoes it from the previous checkpoint,
so losing a tail of commits loses no correctness, and NORMAL avoids an fsync
per event (FULL would fsync hundreds of times per chapter). Learner state
files are fsynced before their checkpoint is committed (see ``run.py``).

Tables (schema version `SCHEMA_VERSION`, in ``meta``):

* ``meta``        key/value: ``schema_version``, ``run_config`` (the command's settings, json),
                  ``textbook/<book_hash>`` (each textbook a track ran on, json).
* ``tracks``      one learner (or control) x textbook x seed: learner name, book id + hash,
                  seed, control flag, config json, status (pending | running | done).
* ``events``      (track_id, seq) -> step, kind, chapter, after_chapter, exercises_done,
                  item_id, the full `StudyEvent` as json and its sha256 (with track, seq and
                  step; `event_digest`), checked on every read.
* ``checkpoints`` (track_id, step) -> learner-state path (relative to the store's folder)
                  and the sha256 of the state's ``MANIFEST.json`` (`selftaught.integrity`):
                  a resume verifies every file of the state before loading it.

Integrity: an existing store must have every table and pass SQLite's ``quick_check``
when opened; any SQLite error later (a full disk, a damaged page), any event row that
does not match its checksum (edited outside selftaught, even if it still parses) and any
row that does not parse is a `RunStoreError` naming the file -- never a traceback, never a
silently different run.

Steps: 0 is the pre-test, c >= 1 is chapter c (study, practice, curve probes,
probe pass). A step is complete iff its checkpoint row exists.
"""

from __future__ import annotations

import functools
import hashlib
import json
import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import ValidationError

from selftaught import integrity, sqlitedb
from selftaught.types import StudyEvent, Textbook

SCHEMA_VERSION = 3
"""Bump on any change to the tables; a store of another version is refused, never migrated.
(2: checkpoints carry the sha256 of their state's manifest.)"""

TrackStatus = Literal["pending", "running", "done"]

TEXTBOOK_KEY_PREFIX = "textbook/"
"""``meta`` keys ``textbook/<book_hash>`` hold each textbook a track ran on (canonical json)."""

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE tracks (
    id INTEGER PRIMARY KEY,
    learner TEXT NOT NULL,
    book_id TEXT NOT NULL,
    book_hash TEXT NOT NULL,
    seed INTEGER NOT NULL,
    control INTEGER NOT NULL CHECK (control IN (0, 1)),
    config_json TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'running', 'done'))
);
CREATE TABLE events (
    track_id INTEGER NOT NULL REFERENCES tracks(id),
    seq INTEGER NOT NULL,
    step INTEGER NOT NULL,
    kind TEXT NOT NULL,
    chapter INTEGER NOT NULL,
    after_chapter INTEGER,
    exercises_done INTEGER,
    item_id TEXT,
    event_json TEXT NOT NULL,
    event_sha256 TEXT NOT NULL,
    PRIMARY KEY (track_id, seq)
);
CREATE INDEX events_by_kind ON events (track_id, kind, chapter, after_chapter);
CREATE TABLE checkpoints (
    track_id INTEGER NOT NULL REFERENCES tracks(id),
    step INTEGER NOT NULL,
    state_path TEXT NOT NULL,
    manifest_sha256 TEXT NOT NULL,
    PRIMARY KEY (track_id, step)
);
"""


def event_digest(track_id: int, seq: int, step: int, text: str) -> str:
    """sha256 of an event row's identity and JSON, stored beside it and checked on every read
    (an edited row, even one that still parses, is refused instead of silently used)."""
    return hashlib.sha256(f"{track_id}:{seq}:{step}:{text}".encode()).hexdigest()


class RunStoreError(ValueError):
    """The store file cannot be used (wrong schema version, not a run store, unknown track,
    damaged file or row, full disk)."""


TABLES = ("meta", "tracks", "events", "checkpoints")

Method = TypeVar("Method", bound=Callable[..., Any])


def _guarded(method: Method) -> Method:
    """Turn an SQLite error inside a `RunStore` method into one `RunStoreError` line."""

    @functools.wraps(method)
    def wrapper(self: RunStore, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.DatabaseError as exc:
            raise RunStoreError(sqlitedb.database_error_message(exc, self.path, "run store")) \
                from None

    return wrapper  # type: ignore[return-value]


@dataclass(frozen=True)
class TrackRecord:
    """One row of ``tracks``."""

    id: int
    learner: str
    book_id: str
    book_hash: str
    """sha256 of the textbook's canonical JSON; resume refuses a changed book."""
    seed: int
    """The learner's seed (its RNG); the book's own seed is in the book."""
    control: bool
    """True: learning disabled (``study``/``feedback`` never called)."""
    config: dict[str, Any]
    """The `StudyConfig` the track runs under, as json."""
    status: TrackStatus


@dataclass(frozen=True)
class Checkpoint:
    """A completed step and the learner state saved right after it."""

    track_id: int
    step: int
    state_path: Path
    """Absolute path of the learner-state directory."""
    manifest_sha256: str
    """sha256 of the state's ``MANIFEST.json``; `RunStore.verified_state` checks it."""


class RunStore:
    """A study run's SQLite store: tracks, their events, their checkpoints.

    Not safe for concurrent writers: one process runs a run directory at a time.
    """

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        """Open (or, unless ``readonly``, create) the store at ``path``."""
        self.path = Path(path)
        self.root = self.path.parent
        """Folder of the store; checkpoint paths are stored relative to it."""
        if not readonly:
            self.root.mkdir(parents=True, exist_ok=True)
        self._db = sqlitedb.open_versioned(
            self.path, schema=_SCHEMA, version=SCHEMA_VERSION, tables=TABLES,
            what="run store", error=RunStoreError, readonly=readonly,
        )

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> RunStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        """One atomic write: committed on success, rolled back on any exception (re-raised)."""
        return sqlitedb.transaction(self._db)

    # -- meta ---------------------------------------------------------------------------------

    @_guarded
    def meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def _set_meta(self, key: str, value: str) -> None:
        self._db.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    @_guarded
    def set_meta(self, key: str, value: str) -> None:
        with self.transaction():
            self._set_meta(key, value)

    @_guarded
    def save_textbook(self, book: Textbook, digest: str) -> None:
        """Keep a copy of a textbook (``meta`` key ``textbook/<digest>``), so metrics that need
        the book (which items are code, their hidden tests) can be recomputed from the store
        alone. ``digest`` is the tracks' ``book_hash``; saving the same book again is a no-op."""
        key = TEXTBOOK_KEY_PREFIX + digest
        if self.meta(key) is None:
            self.set_meta(key, book.model_dump_json())

    @_guarded
    def textbook(self, digest: str) -> Textbook | None:
        """The textbook saved under ``digest`` (a track's ``book_hash``); None if the store
        has no copy (written by a selftaught older than `save_textbook`)."""
        text = self.meta(TEXTBOOK_KEY_PREFIX + digest)
        if text is None:
            return None
        try:
            return Textbook.model_validate_json(text)
        except ValidationError as error:
            raise RunStoreError(
                f"{self.path}: the stored copy of textbook {digest[:12]} is damaged "
                f"({error.error_count()} problem(s)); rerun into a new --run-dir"
            ) from None

    # -- tracks -------------------------------------------------------------------------------

    @_guarded
    def add_track(
        self, *, learner: str, book_id: str, book_hash: str, seed: int, control: bool,
        config: dict[str, Any],
    ) -> int:
        """Create a pending track; returns its id."""
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO tracks (learner, book_id, book_hash, seed, control, config_json, "
                "status) VALUES (?, ?, ?, ?, ?, ?, 'pending')",
                (
                    learner, book_id, book_hash, seed, int(control),
                    json.dumps(config, sort_keys=True),
                ),
            )
            assert cursor.lastrowid is not None  # sqlite always sets it after an INSERT
            return cursor.lastrowid

    @_guarded
    def tracks(self) -> list[TrackRecord]:
        rows = self._db.execute(
            "SELECT id, learner, book_id, book_hash, seed, control, config_json, status "
            "FROM tracks ORDER BY id"
        ).fetchall()
        return [_track(row, self.path) for row in rows]

    @_guarded
    def track(self, track_id: int) -> TrackRecord:
        row = self._db.execute(
            "SELECT id, learner, book_id, book_hash, seed, control, config_json, status "
            "FROM tracks WHERE id = ?",
            (track_id,),
        ).fetchone()
        if row is None:
            raise RunStoreError(f"{self.path}: no track {track_id}")
        return _track(row, self.path)

    @_guarded
    def set_status(self, track_id: int, status: TrackStatus) -> None:
        with self.transaction() as db:
            db.execute("UPDATE tracks SET status = ? WHERE id = ?", (status, track_id))

    # -- events -------------------------------------------------------------------------------

    @_guarded
    def append_event(self, track_id: int, step: int, event: StudyEvent) -> int:
        """Commit one event (its own transaction); returns its sequence number in the track."""
        with self.transaction() as db:
            (seq,) = db.execute(
                "SELECT COALESCE(MAX(seq) + 1, 0) FROM events WHERE track_id = ?", (track_id,)
            ).fetchone()
            text = event.model_dump_json()
            db.execute(
                "INSERT INTO events (track_id, seq, step, kind, chapter, after_chapter, "
                "exercises_done, item_id, event_json, event_sha256) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    track_id, seq, step, event.kind, event.chapter, event.after_chapter,
                    event.exercises_done, event.item_id, text,
                    event_digest(track_id, seq, step, text),
                ),
            )
            return int(seq)

    @_guarded
    def events(self, track_id: int) -> list[StudyEvent]:
        """All committed events of a track, in the order they happened."""
        rows = self._db.execute(
            "SELECT seq, step, event_json, event_sha256 FROM events WHERE track_id = ? "
            "ORDER BY seq", (track_id,)
        ).fetchall()
        events: list[StudyEvent] = []
        for seq, step, text, digest in rows:
            if event_digest(track_id, seq, step, text) != digest:
                raise RunStoreError(
                    f"{self.path}: event {seq} of track {track_id} is damaged (it does not "
                    "match its checksum: the row was changed outside selftaught); restore the "
                    "store or rerun into a new --run-dir")
            try:
                events.append(StudyEvent.model_validate_json(text))
            except ValidationError as error:
                raise RunStoreError(
                    f"{self.path}: event {seq} of track {track_id} is damaged "
                    f"({error.error_count()} problem(s), e.g. {error.errors()[0]['msg']}); the "
                    "store was changed outside selftaught: restore it or rerun into a new "
                    "--run-dir") from None
        return events

    @_guarded
    def event_count(self, track_id: int | None = None) -> int:
        if track_id is None:
            return int(self._db.execute("SELECT COUNT(*) FROM events").fetchone()[0])
        return int(
            self._db.execute(
                "SELECT COUNT(*) FROM events WHERE track_id = ?", (track_id,)
            ).fetchone()[0]
        )

    # -- steps and checkpoints ----------------------------------------------------------------

    @_guarded
    def complete_step(
        self, track_id: int, step: int, state_path: Path, manifest_sha256: str
    ) -> None:
        """Mark ``step`` complete with the learner state saved after it (one transaction);
        ``manifest_sha256`` is the sha256 of that state's ``MANIFEST.json``."""
        relative = Path(state_path).resolve().relative_to(self.root.resolve())
        with self.transaction() as db:
            db.execute(
                "INSERT INTO checkpoints (track_id, step, state_path, manifest_sha256) "
                "VALUES (?, ?, ?, ?)",
                (track_id, step, relative.as_posix(), manifest_sha256),
            )

    @_guarded
    def last_checkpoint(self, track_id: int) -> Checkpoint | None:
        row = self._db.execute(
            "SELECT step, state_path, manifest_sha256 FROM checkpoints WHERE track_id = ? "
            "ORDER BY step DESC LIMIT 1",
            (track_id,),
        ).fetchone()
        if row is None:
            return None
        return Checkpoint(track_id=track_id, step=int(row[0]), state_path=self.root / row[1],
                          manifest_sha256=str(row[2]))

    def verified_state(self, checkpoint: Checkpoint) -> Path:
        """The checkpoint's state directory, after every file was checked against its manifest
        (size and sha256) and the manifest against the digest in the store."""
        fix = (f"the checkpoint of step {checkpoint.step} of track {checkpoint.track_id} in "
               f"{self.path} is corrupt; rerun into a new --run-dir")
        integrity.verify_manifest(checkpoint.state_path, checkpoint.manifest_sha256, fix=fix,
                                  error=RunStoreError)
        return checkpoint.state_path

    @_guarded
    def discard_incomplete(self, track_id: int) -> int:
        """Delete the events of steps after the last checkpoint, in one transaction.

        Returns how many were deleted. This is the first thing a resumed track does.
        """
        checkpoint = self.last_checkpoint(track_id)
        last = -1 if checkpoint is None else checkpoint.step
        with self.transaction() as db:
            cursor = db.execute(
                "DELETE FROM events WHERE track_id = ? AND step > ?", (track_id, last)
            )
            return int(cursor.rowcount)


def _track(row: tuple[Any, ...], path: Path) -> TrackRecord:
    try:
        config = json.loads(row[6])
    except (json.JSONDecodeError, TypeError):
        raise RunStoreError(f"{path}: the config of track {row[0]} is damaged (not JSON); "
                            "restore the store or rerun into a new --run-dir") from None
    return TrackRecord(
        id=int(row[0]), learner=row[1], book_id=row[2], book_hash=row[3], seed=int(row[4]),
        control=bool(row[5]), config=config, status=row[7],
    )
