"""`TrainStore`: the SQLite file of a meta-training run (``runs/train-<time>/train.sqlite``).

Why its own small store (not the study `RunStore`): a meta-training run is a
sequence of *iterations*, each producing scored self-edits and a policy
checkpoint, not tracks of study events. What matters for trust is the same:

* an iteration is committed in ONE transaction -- its metrics, every scored edit
  and the paths of the policy checkpoint saved *before* the commit -- so "the
  iteration is complete" and "there is a checkpoint to resume from" never disagree;
* a run killed mid-iteration leaves nothing of that iteration in the store (the
  half-written checkpoint directory, if any, is never referenced), and
  ``--resume`` redoes it from the previous checkpoint;
* the config is stored once (``meta.config``) and a resume with another is refused.

Tables: ``meta`` (key/value: schema version, config json, evaluation summaries),
``iterations`` (iteration -> metrics json, checkpoint paths, seconds) and ``edits``
(one row per sampled self-edit: book, chapter, k, reward and its terms, kept flag,
text).
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from selftaught import sqlitedb

SCHEMA_VERSION = 2
"""Bump on any change to the tables; a store of another version is refused, never migrated."""

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE iterations (
    iteration INTEGER PRIMARY KEY,
    metrics_json TEXT NOT NULL,
    state_path TEXT NOT NULL,
    sampler_path TEXT NOT NULL,
    seconds REAL NOT NULL
);
CREATE TABLE edits (
    iteration INTEGER NOT NULL REFERENCES iterations(iteration),
    book TEXT NOT NULL,
    chapter INTEGER NOT NULL,
    k INTEGER NOT NULL,
    reward REAL NOT NULL,
    gain REAL NOT NULL,
    forgetting REAL NOT NULL,
    dense_gain REAL NOT NULL,
    n_pairs INTEGER NOT NULL,
    tokens INTEGER NOT NULL,
    kept INTEGER NOT NULL CHECK (kept IN (0, 1)),
    text TEXT NOT NULL,
    PRIMARY KEY (iteration, book, chapter, k)
);
"""


class TrainStoreError(ValueError):
    """The store file cannot be used; the message names the file and the fix."""


@dataclass(frozen=True)
class EditRecord:
    """One scored self-edit (a row of ``edits``)."""

    book: str
    chapter: int
    """1-based chapter of ``book`` the edit was written for."""
    k: int
    """Index of the sample in its group (0..K-1); -1 for the greedy validation edit."""
    reward: float
    """The training reward (under the run's ``reward_measure``)."""
    gain: float
    """Controlled accuracy gain on the chapter's probes (with minus without the edit)."""
    forgetting: float
    """Weighted accuracy drop on the book's earlier probes."""
    n_pairs: int
    """Q/A pairs (lora) or notes (notes) parsed out of the edit and applied."""
    tokens: int
    """Tokens the policy wrote."""
    kept: bool
    """ReST-EM: selected for the M-step; PG: part of a group with reward spread."""
    text: str
    dense_gain: float = 0.0
    """Answer-log-prob gain on the chapter's probes (nats per token)."""


@dataclass(frozen=True)
class IterationRecord:
    """One completed iteration (a row of ``iterations``)."""

    iteration: int
    """1-based."""
    metrics: dict[str, float]
    """Hierarchical names: ``reward/mean``, ``reward/std``, ``reward/frac_positive``, ..."""
    state_path: str
    """Policy checkpoint with optimizer (``save_state``) after this iteration."""
    sampler_path: str
    """Policy weights for sampling (``save_weights_for_sampler``): the writer."""
    seconds: float


class TrainStore:
    """A meta-training run's SQLite store. One process writes a run at a time."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlitedb.open_versioned(
            self.path, schema=_SCHEMA, version=SCHEMA_VERSION, tables=("iterations", "edits"),
            what="training store", error=TrainStoreError,
        )

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> TrainStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        return sqlitedb.transaction(self._db)

    # -- meta -----------------------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        with self._transaction() as db:
            db.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    # -- iterations -----------------------------------------------------------------------

    def complete_iteration(self, record: IterationRecord, edits: list[EditRecord]) -> None:
        """Commit an iteration with all its edits, atomically (after its checkpoint is saved)."""
        with self._transaction() as db:
            db.execute(
                "INSERT INTO iterations (iteration, metrics_json, state_path, sampler_path, "
                "seconds) VALUES (?, ?, ?, ?, ?)",
                (record.iteration, json.dumps(record.metrics, sort_keys=True),
                 record.state_path, record.sampler_path, record.seconds),
            )
            db.executemany(
                "INSERT INTO edits (iteration, book, chapter, k, reward, gain, forgetting, "
                "dense_gain, n_pairs, tokens, kept, text) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(record.iteration, e.book, e.chapter, e.k, e.reward, e.gain, e.forgetting,
                  e.dense_gain, e.n_pairs, e.tokens, int(e.kept), e.text) for e in edits],
            )

    def iterations(self) -> list[IterationRecord]:
        """Every completed iteration, in order."""
        rows = self._db.execute(
            "SELECT iteration, metrics_json, state_path, sampler_path, seconds "
            "FROM iterations ORDER BY iteration"
        ).fetchall()
        return [_iteration(row) for row in rows]

    def last_iteration(self) -> IterationRecord | None:
        done = self.iterations()
        return done[-1] if done else None

    def edits(self, iteration: int) -> list[EditRecord]:
        """The scored edits of one iteration, in sampling order."""
        rows = self._db.execute(
            "SELECT book, chapter, k, reward, gain, forgetting, n_pairs, tokens, kept, text, "
            "dense_gain "
            "FROM edits WHERE iteration = ? ORDER BY rowid",
            (iteration,),
        ).fetchall()
        return [
            EditRecord(book=r[0], chapter=int(r[1]), k=int(r[2]), reward=float(r[3]),
                       gain=float(r[4]), forgetting=float(r[5]), n_pairs=int(r[6]),
                       tokens=int(r[7]), kept=bool(r[8]), text=r[9],
                       dense_gain=float(r[10]))
            for r in rows
        ]


def _iteration(row: tuple[Any, ...]) -> IterationRecord:
    return IterationRecord(
        iteration=int(row[0]), metrics=json.loads(row[1]), state_path=row[2],
        sampler_path=row[3], seconds=float(row[4]),
    )
