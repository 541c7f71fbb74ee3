"""`DiscoverStore`: the SQLite file a discovery run writes as it goes, and resumes from.

Same discipline as the study runs' `RunStore` (`selftaught.sqlitedb`): WAL journal, one
transaction per event, a schema version checked on open. Every experiment (with its
observation and its information scores) and every stated theory is one event, so what is
on disk after ``kill -9`` is always a prefix of the episode. Resuming needs no agent
checkpoint: the loop's random draws are seeded per step, and every built-in agent is a
function of the world and the observations so far (the learning agent's notes are
rebuilt from the final theories of the episodes before it), so replaying the logged
observations restores the exact state.

Tables (schema version `SCHEMA_VERSION`):

* ``meta``      key/value: ``schema_version``, ``run_config`` (json).
* ``episodes``  one agent x world: world id, noise, agent, seed, budget, series/position
                (worlds of one learning series), status (pending | done).
* ``events``    (episode_id, seq) -> step, kind (``experiment`` | ``theory``), json payload.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from selftaught import sqlitedb

SCHEMA_VERSION = 1
STORE_FILE = "discover.sqlite"

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE episodes (
    id INTEGER PRIMARY KEY,
    world_id TEXT NOT NULL,
    noise REAL NOT NULL,
    agent TEXT NOT NULL,
    seed INTEGER NOT NULL,
    budget INTEGER NOT NULL,
    series TEXT NOT NULL,
    position INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'done')),
    UNIQUE (agent, world_id, noise, seed, series)
);
CREATE TABLE events (
    episode_id INTEGER NOT NULL REFERENCES episodes(id),
    seq INTEGER NOT NULL,
    step INTEGER NOT NULL,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    PRIMARY KEY (episode_id, seq)
);
"""


class DiscoverStoreError(ValueError):
    """The store file cannot be used (not a discover store, wrong version)."""


@dataclass(frozen=True)
class Episode:
    """One row of ``episodes``."""

    id: int
    world_id: str
    noise: float
    agent: str
    seed: int
    budget: int
    series: str
    """Worlds run one after another by one (learning) agent share a series name."""
    position: int
    status: str


@dataclass(frozen=True)
class Event:
    """One logged step."""

    step: int
    """Experiments done before this event."""
    kind: str
    payload: dict[str, Any]


class DiscoverStore:
    """A discovery run's SQLite store. One writer process at a time."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlitedb.open_versioned(
            self.path, schema=_SCHEMA, version=SCHEMA_VERSION, tables=("episodes", "events"),
            what="discover store", error=DiscoverStoreError)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> DiscoverStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        return sqlitedb.transaction(self._db)

    def meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as db:
            db.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) "
                       "DO UPDATE SET value = excluded.value", (key, value))

    def episode(self, *, world_id: str, noise: float, agent: str, seed: int, budget: int,
                series: str, position: int) -> Episode:
        """The episode with these keys, created (pending) if new."""
        with self.transaction() as db:
            db.execute(
                "INSERT OR IGNORE INTO episodes (world_id, noise, agent, seed, budget, series, "
                "position, status) VALUES (?, ?, ?, ?, ?, ?, ?, 'pending')",
                (world_id, noise, agent, seed, budget, series, position))
        row = self._db.execute(
            "SELECT id, world_id, noise, agent, seed, budget, series, position, status FROM "
            "episodes WHERE agent = ? AND world_id = ? AND noise = ? AND seed = ? AND series = ?",
            (agent, world_id, noise, seed, series)).fetchone()
        found = _episode(row)
        if found.budget != budget:
            raise DiscoverStoreError(
                f"{self.path}: episode {agent} on {world_id} was started with budget "
                f"{found.budget}, not {budget}; rerun into a new --run-dir")
        return found

    def episodes(self) -> list[Episode]:
        rows = self._db.execute(
            "SELECT id, world_id, noise, agent, seed, budget, series, position, status FROM "
            "episodes ORDER BY id").fetchall()
        return [_episode(r) for r in rows]

    def append(self, episode_id: int, step: int, kind: str, payload: dict[str, Any]) -> None:
        """Commit one event (its own transaction)."""
        with self.transaction() as db:
            (seq,) = db.execute("SELECT COALESCE(MAX(seq) + 1, 0) FROM events WHERE "
                                "episode_id = ?", (episode_id,)).fetchone()
            db.execute("INSERT INTO events (episode_id, seq, step, kind, payload) VALUES "
                       "(?, ?, ?, ?, ?)", (episode_id, seq, step, kind,
                                           json.dumps(payload, sort_keys=True)))

    def events(self, episode_id: int) -> list[Event]:
        rows = self._db.execute("SELECT step, kind, payload FROM events WHERE episode_id = ? "
                                "ORDER BY seq", (episode_id,)).fetchall()
        return [Event(step=int(r[0]), kind=str(r[1]), payload=json.loads(r[2])) for r in rows]

    def finish(self, episode_id: int) -> None:
        with self.transaction() as db:
            db.execute("UPDATE episodes SET status = 'done' WHERE id = ?", (episode_id,))


def _episode(row: tuple[Any, ...]) -> Episode:
    return Episode(id=int(row[0]), world_id=str(row[1]), noise=float(row[2]), agent=str(row[3]),
                   seed=int(row[4]), budget=int(row[5]), series=str(row[6]),
                   position=int(row[7]), status=str(row[8]))
